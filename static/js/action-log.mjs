// The action log's filter panel: on small screens it hides behind a "Show
// filter" button (MoJ Frontend's filter toggle). Without JavaScript, or on wide
// screens, the panel is simply shown.
import { FilterToggleButton } from "../vendor/moj-frontend/moj-frontend.min.js";

for (const panel of document.querySelectorAll('[data-module="app-filter"]')) {
  new FilterToggleButton(panel, { startHidden: false });
}
