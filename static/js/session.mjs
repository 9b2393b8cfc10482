// The edges of a session, for every page's scripts: the current form token,
// word between tabs that the user has signed in again, and what a page had
// typed kept across a trip to the sign-in page.
//
// Signing in renews Django's CSRF token, so a page opened before that holds an
// out-of-date one; the cookie always has the current token, so requests made
// by script read it from there.

const CHANNEL = "spm-session";
const KEPT_FORMS = "spm:kept-forms";

export function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

// Another tab of ours signed in (its page loaded signed in): pages waiting on
// a session try again at once.
export function onSignedIn(callback) {
  if (!("BroadcastChannel" in window)) return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.addEventListener("message", (event) => {
    if (event.data === "signed-in") callback();
  });
}

export function announceSignedIn() {
  if (!("BroadcastChannel" in window)) return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage("signed-in");
  channel.close();
}

// Forms: what the user changed, kept in sessionStorage while the sign-in page
// is visited and put back when they return to the same page. Forms that keep
// their own text (the minuting screen's autosave) are left to themselves.

const SKIPPED = new Set(["hidden", "password", "file", "submit", "button", "reset", "image"]);

// A form is known by its id, else by its action and its place among the forms
// with that action: forms a page adds later (a panel htmx loads) must not
// change the key of the forms already there.
function formKey(form) {
  if (form.id) return form.id;
  const action = form.getAttribute("action") || "";
  const same = [...document.forms].filter((other) => (other.getAttribute("action") || "") === action);
  return `${action}#${same.indexOf(form)}`;
}

function changedFields(form) {
  const fields = [];
  for (const element of form.elements) {
    const type = (element.type || "").toLowerCase();
    if (!element.name || SKIPPED.has(type) || element.name === "csrfmiddlewaretoken") continue;
    if (type === "checkbox" || type === "radio") {
      if (element.checked !== element.defaultChecked) {
        fields.push({ name: element.name, value: element.value, checked: element.checked });
      }
    } else if (element.tagName === "SELECT") {
      const changed = [...element.options].some((option) => option.selected !== option.defaultSelected);
      if (changed) {
        fields.push({
          name: element.name,
          values: [...element.selectedOptions].map((option) => option.value),
        });
      }
    } else if ("defaultValue" in element && element.value !== element.defaultValue) {
      fields.push({ name: element.name, value: element.value });
    }
  }
  return fields;
}

function here() {
  return window.location.pathname + window.location.search;
}

export function keepForms() {
  const forms = [];
  [...document.forms].forEach((form) => {
    if (form.hasAttribute("data-autosave")) return;
    const fields = changedFields(form);
    if (fields.length) forms.push({ key: formKey(form), fields });
  });
  if (!forms.length) return;
  try {
    sessionStorage.setItem(KEPT_FORMS, JSON.stringify({ page: here(), forms }));
  } catch {
    // Storage full or refused: nothing more can be done before leaving.
  }
}

function restoreField(form, field) {
  const elements = [...form.elements].filter((element) => element.name === field.name);
  for (const element of elements) {
    if ("checked" in field) {
      if (element.value === field.value) element.checked = field.checked;
    } else if (field.values) {
      for (const option of element.options) option.selected = field.values.includes(option.value);
    } else {
      element.value = field.value;
    }
    element.dispatchEvent(new Event("input", { bubbles: true }));
    element.dispatchEvent(new Event("change", { bubbles: true }));
  }
  return elements.length > 0;
}

function restoredBanner() {
  const banner = document.createElement("div");
  banner.className = "govuk-notification-banner";
  banner.setAttribute("role", "alert");
  banner.setAttribute("aria-labelledby", "kept-forms-title");
  banner.dataset.keptForms = "";
  banner.innerHTML = `
    <div class="govuk-notification-banner__header">
      <h2 class="govuk-notification-banner__title" id="kept-forms-title">Important</h2>
    </div>
    <div class="govuk-notification-banner__content">
      <p class="govuk-notification-banner__heading">What you typed before your session ended has been put back</p>
      <p class="govuk-body">It has not been sent yet: check it, then send it again.</p>
    </div>`;
  return banner;
}

export function restoreForms() {
  let kept;
  try {
    kept = JSON.parse(sessionStorage.getItem(KEPT_FORMS) || "null");
  } catch {
    kept = null;
  }
  if (!kept || kept.page !== here()) return false;
  sessionStorage.removeItem(KEPT_FORMS);
  let restored = false;
  [...document.forms].forEach((form) => {
    const entry = kept.forms.find((candidate) => candidate.key === formKey(form));
    if (!entry) return;
    for (const field of entry.fields) restored = restoreField(form, field) || restored;
  });
  if (restored) {
    const main = document.querySelector("main");
    main?.prepend(restoredBanner());
  }
  return restored;
}
