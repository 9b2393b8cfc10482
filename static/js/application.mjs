// Starts the GOV.UK and MoJ components on the page, and again on any content
// htmx swaps in; carries every page through the edges of a session. Pages work
// without this: it only improves them.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";
import { initAll as initMoj } from "../vendor/moj-frontend/moj-frontend.min.js";
import { announceSignedIn, csrfToken, keepForms, restoreForms } from "./session.mjs";

// What a page typed before its session ended comes back once every script
// has built the page's forms (module scripts run before DOMContentLoaded).
document.addEventListener("DOMContentLoaded", restoreForms);
initAll();
initMoj();

document.body.addEventListener("htmx:load", (event) => {
  if (event.target === document.body) return;
  initAll({ scope: event.target });
  initMoj({ scope: event.target });
});

// The token in the page is out of date once the user has signed in again in
// another tab; the cookie's is current.
document.body.addEventListener("htmx:configRequest", (event) => {
  const token = csrfToken();
  if (!token || event.detail.verb === "get") return;
  event.detail.headers["X-CSRFToken"] = token;
  event.detail.parameters.csrfmiddlewaretoken = token;
});

// The session ended: the server answers 401 and names the sign-in page that
// returns here (htmx follows its HX-Redirect). What the user typed waits in
// this tab's storage and is put back on return.
document.body.addEventListener("htmx:beforeOnLoad", (event) => {
  if (event.detail.xhr?.status === 401) keepForms();
});

if (document.body.hasAttribute("data-signed-in")) announceSignedIn();
