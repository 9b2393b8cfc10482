// Starts the GOV.UK and MoJ components on the page, and again on any content
// htmx swaps in. Pages work without this: it only improves them.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";
import { initAll as initMoj } from "../vendor/moj-frontend/moj-frontend.min.js";

initAll();
initMoj();

document.body.addEventListener("htmx:load", (event) => {
  if (event.target === document.body) return;
  initAll({ scope: event.target });
  initMoj({ scope: event.target });
});
