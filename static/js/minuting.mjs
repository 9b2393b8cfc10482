// The minuting screen: a small rich-text editor for each discussion, autosave
// that never loses a word, conflicts shown with both texts, keyboard shortcuts
// and an owner type-ahead. The page works without this script (each item has a
// Save button); this only makes it faster.
//
// Autosave: a few seconds after typing stops (at most every few seconds while
// typing goes on) and when focus leaves an item. Each save names the version
// it was typed over; the server answers saved, conflict (someone else saved in
// between: both texts shown, nothing overwritten) or refused. Until the server
// confirms a save, the text is also kept in this browser (localStorage, per
// meeting, item and field, with the version it was typed over), so neither a
// reload, a crash nor a lost connection loses it: the next visit offers it
// back, item by item. A failed request is retried with growing waits; a
// session that ended is said so, with a sign-in to open in a new tab, after
// which saving goes on with the renewed form token, without a reload.

import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";
import { cleanPastedHtml, normalise } from "./richtext.mjs";
import { csrfToken, onSignedIn } from "./session.mjs";
import { enhanceTypeaheads } from "./typeahead.mjs";

const SAVE_AFTER_MS = 2500;
const TIMEOUT_MS = 15000;
const RETRY_SECONDS = [2, 4, 8, 15, 30];
const SIGNED_OUT_RETRY_MS = 5000;
const FIELDS = ["discussion", "decisions"];
const SESSION_ENDED =
  "Your session has ended. Sign in again in a new tab; your text is kept here and will save when you have";

const root = document.querySelector("[data-minuting]");
const statusLine = document.querySelector("[data-save-status]");

// A save that changed minutes submitted for approval returned them to draft:
// the status panel says so (the server's words, set as text), with the way to
// submit them again.
function showMinutesNotice(text) {
  const panel = document.getElementById("minutes-status");
  if (!panel) return;
  const notice = document.createElement("div");
  notice.className = "govuk-inset-text app-minutes-notice";
  notice.setAttribute("role", "status");
  notice.textContent = `${text} `;
  if (panel.dataset.submitUrl) {
    const link = document.createElement("a");
    link.className = "govuk-link";
    link.href = panel.dataset.submitUrl;
    link.textContent = "Submit them again";
    notice.append(link);
  }
  panel.replaceChildren(notice);
}
const savers = [];
let storageFailed = false;

// Rich text ------------------------------------------------------------------

const FORMATS = [
  { command: "bold", label: "Bold", keys: "Control+B" },
  { command: "italic", label: "Italic", keys: "Control+I" },
  { command: "underline", label: "Underline", keys: "Control+U" },
  { command: "insertUnorderedList", label: "Bulleted list", keys: "Control+Shift+8" },
  { command: "insertOrderedList", label: "Numbered list", keys: "Control+Shift+7" },
];

function enhanceEditor(textarea) {
  if (textarea.dataset.enhanced) return;
  textarea.dataset.enhanced = "true";
  document.execCommand("defaultParagraphSeparator", false, "p");
  const group = textarea.closest(".govuk-form-group");
  const label = group.querySelector("label");
  // The page says once how to write without the editor; the editor's hint is its own.
  const hint = document.createElement("div");
  hint.className = "govuk-hint";
  hint.id = `${textarea.id}-hint`;
  label.after(hint);

  const editor = document.createElement("div");
  editor.className = "app-editor";
  editor.id = `${textarea.id}-editor`;
  editor.contentEditable = "true";
  editor.setAttribute("role", "textbox");
  editor.setAttribute("aria-multiline", "true");
  editor.setAttribute("aria-labelledby", label.id);
  editor.setAttribute("aria-keyshortcuts", FORMATS.map((f) => f.keys).join(" "));
  editor.setAttribute("spellcheck", "true");
  hint.textContent =
    "Ctrl+B bold, Ctrl+I italic, Ctrl+U underline, Ctrl+Shift+8 bullets, Ctrl+Shift+7 numbered list";
  editor.setAttribute("aria-describedby", hint.id);
  editor.innerHTML = textarea.value;

  const toolbar = document.createElement("div");
  toolbar.className = "app-editor-toolbar";
  toolbar.setAttribute("role", "toolbar");
  toolbar.setAttribute("aria-label", `Formatting for ${label.textContent.trim()}`);
  toolbar.setAttribute("aria-controls", editor.id);
  for (const format of FORMATS) {
    const button = document.createElement("button");
    button.type = "button";
    button.tabIndex = -1; // the shortcuts do the same from the keyboard
    // The visible word is the accessible name; the shortcut is told apart.
    button.textContent = format.label;
    button.dataset.command = format.command;
    button.title = format.keys.replaceAll("Control", "Ctrl");
    button.setAttribute("aria-keyshortcuts", format.keys);
    button.addEventListener("mousedown", (event) => event.preventDefault());
    button.addEventListener("click", () => {
      editor.focus();
      document.execCommand(format.command);
    });
    toolbar.append(button);
  }

  const sync = () => {
    textarea.value = editor.textContent.trim() ? editor.innerHTML : "";
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  };
  editor.addEventListener("input", sync);
  // Typing into an empty box starts a paragraph, as every later line is one.
  editor.addEventListener("focus", () => {
    if (editor.textContent.trim() || editor.querySelector("ul, ol")) return;
    editor.innerHTML = "<p><br></p>";
    const range = document.createRange();
    range.setStart(editor.firstChild, 0);
    range.collapse(true);
    window.getSelection().removeAllRanges();
    window.getSelection().addRange(range);
  });
  editor.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.code === "Digit8") {
      event.preventDefault();
      document.execCommand("insertUnorderedList");
    } else if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.code === "Digit7") {
      event.preventDefault();
      document.execCommand("insertOrderedList");
    }
  });
  // Pasted documents keep what the minutes keep (paragraphs, bold, italic,
  // underline, lists) and nothing else; the server cleans it again.
  editor.addEventListener("paste", (event) => {
    event.preventDefault();
    const html = event.clipboardData.getData("text/html");
    if (html) {
      const cleaned = cleanPastedHtml(html);
      if (cleaned) document.execCommand("insertHTML", false, cleaned);
      normalise(editor);
      sync();
    } else {
      document.execCommand("insertText", false, event.clipboardData.getData("text/plain"));
    }
  });
  label.addEventListener("click", (event) => {
    event.preventDefault();
    editor.focus();
  });

  // GOV.UK's textarea style would win over the hidden attribute.
  textarea.classList.add("govuk-!-display-none");
  textarea.before(toolbar, editor);
  textarea.editor = editor;
}

// Autosave -------------------------------------------------------------------

// An item's id, from its section's ("item-<uuid>").
function itemOf(element) {
  return element.closest("[data-minute-item]").id.replace(/^item-/, "");
}

function storageKey(form, field) {
  return `spm:minutes:${root.dataset.meeting}:${itemOf(form)}:${field}`;
}

function readKept(key) {
  try {
    return JSON.parse(localStorage.getItem(key) || "null");
  } catch {
    return null;
  }
}

function signInUrl() {
  const next = root?.dataset.signedInUrl || "/";
  const base = root?.dataset.signInUrl || "/accounts/sign-in/";
  return `${base}?${new URLSearchParams({ session: "ended", next })}`;
}

function plainText(html) {
  return new DOMParser().parseFromString(html, "text/html").body.textContent.trim();
}

const CLOCK = new Intl.DateTimeFormat("en-GB", {
  hour: "numeric",
  minute: "2-digit",
  hour12: true,
  timeZone: "Europe/London",
});

// Times as every page writes them (govuk/dates.py `clock`): 2:05pm, 12 midday.
function clock(time) {
  const parts = Object.fromEntries(
    CLOCK.formatToParts(new Date(time)).map((part) => [part.type, part.value]),
  );
  const period = (parts.dayPeriod || "").toLowerCase().replace(/\./g, "");
  if (parts.hour === "12" && parts.minute === "00") {
    return period === "pm" ? "12 midday" : "12 midnight";
  }
  return `${parts.hour}:${parts.minute}${period}`;
}

class ItemSaver {
  constructor(form) {
    this.form = form;
    this.section = form.closest("[data-minute-item]");
    this.name = this.section?.dataset.itemLabel || "this item";
    this.version = form.querySelector('input[name$="-version"]');
    this.fields = {
      discussion: form.querySelector('textarea[name$="-discussion"]'),
      decisions: form.querySelector('textarea[name$="-decisions"]'),
    };
    this.discussion = this.fields.discussion;
    this.decisions = this.fields.decisions;
    this.itemStatus = form.querySelector("[data-item-status]");
    // Where a conflict's two texts and text kept in the browser are shown.
    this.restoreSlot = document.createElement("div");
    form.querySelector(".govuk-form-group")?.before(this.restoreSlot);
    this.conflictSlot = document.createElement("div");
    this.conflictSlot.className = "app-conflict-slot";
    this.itemStatus.before(this.conflictSlot);
    this.server = this.values(); // what the server has, as far as this page knows
    this.state = "clean"; // clean | pending | saving | retrying | signed-out | conflict | refused
    this.savedAt = null;
    this.savedWhen = null;
    this.sent = null;
    this.timer = null;
    this.attempt = 0;
    this.offering = false;
    form.addEventListener("input", () => this.changed());
    form.addEventListener("focusout", (event) => {
      if (!form.contains(event.relatedTarget)) this.saveNow();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.saveNow();
    });
    form.addEventListener("click", (event) => this.resolve(event));
  }

  values() {
    return { discussion: this.discussion.value, decisions: this.decisions.value };
  }

  unsaved() {
    const now = this.values();
    return FIELDS.some((field) => now[field] !== this.server[field]);
  }

  // Keeps in the browser every field that differs from what the server has;
  // forgets those it has.
  keep() {
    if (this.offering) return; // the kept text waits for an answer first
    const now = this.values();
    for (const field of FIELDS) {
      const key = storageKey(this.form, field);
      try {
        if (now[field] === this.server[field]) {
          localStorage.removeItem(key);
        } else {
          // With the version the page's text is based on: restoring it later
          // meets anyone's save made since as a conflict, never overwrites it.
          const version = this.version.value;
          localStorage.setItem(key, JSON.stringify({ value: now[field], version, at: Date.now() }));
        }
      } catch {
        storageFailed = true;
      }
    }
  }

  forget() {
    for (const field of FIELDS) {
      try {
        localStorage.removeItem(storageKey(this.form, field));
      } catch {
        storageFailed = true;
      }
    }
  }

  changed() {
    this.keep();
    if (["conflict", "refused", "signed-out"].includes(this.state)) return;
    if (this.state === "clean") this.setState("pending");
    if (!this.timer && this.state !== "saving" && this.state !== "retrying") {
      this.timer = setTimeout(() => this.save(), SAVE_AFTER_MS);
    }
  }

  saveNow() {
    if (this.state === "retrying" || this.state === "signed-out") this.attempt = 0;
    if (["pending", "retrying", "signed-out"].includes(this.state)) this.save();
  }

  async post() {
    const body = new FormData(this.form);
    const token = csrfToken();
    if (token) body.set("csrfmiddlewaretoken", token);
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      const response = await fetch(this.form.action, {
        method: "POST",
        body,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        redirect: "manual",
        signal: controller.signal,
      });
      // A redirect is a sign-in step (two-factor) the session still needs.
      if (response.type === "opaqueredirect") return { result: "signed-out" };
      if ((response.headers.get("Content-Type") || "").includes("json")) return await response.json();
      return null;
    } catch {
      return null; // offline, timed out, refused: retried
    } finally {
      clearTimeout(timeout);
    }
  }

  async save() {
    clearTimeout(this.timer);
    this.timer = null;
    if (this.sent !== null || this.state === "conflict" || this.state === "refused") return;
    this.sent = this.values();
    if (this.state !== "signed-out") this.setState("saving");
    let answer = await this.post();
    // The form token is renewed when the user signs in again: the cookie has
    // the new one, read by post(), so one more try settles it.
    if (answer?.result === "csrf") answer = await this.post();
    if (answer?.result === "csrf") answer = { result: "signed-out" };
    this.handle(answer);
  }

  handle(answer) {
    const sent = this.sent;
    this.sent = null;
    if (answer?.result === "saved") {
      if (answer.notice) showMinutesNotice(answer.notice);
      this.attempt = 0;
      this.version.value = answer.version;
      this.savedAt = answer.time;
      this.savedWhen = answer.at;
      this.server = sent;
      this.keep();
      if (this.unsaved()) {
        this.setState("pending");
        this.timer = setTimeout(() => this.save(), SAVE_AFTER_MS);
      } else {
        this.setState("clean");
      }
    } else if (answer?.result === "conflict") {
      this.conflictSlot.innerHTML = answer.html;
      this.setState("conflict");
    } else if (answer?.result === "refused") {
      this.refusal = answer.message;
      this.setState("refused");
    } else if (answer?.result === "signed-out") {
      this.setState("signed-out");
      this.timer = setTimeout(() => this.save(), SIGNED_OUT_RETRY_MS);
    } else {
      this.retry();
    }
  }

  retry() {
    const wait = RETRY_SECONDS[Math.min(this.attempt, RETRY_SECONDS.length - 1)];
    this.attempt += 1;
    this.setState("retrying", wait);
    this.timer = setTimeout(() => this.save(), wait * 1000);
  }

  setText(values) {
    for (const field of FIELDS) {
      if (values[field] === undefined) continue;
      const element = this.fields[field];
      element.value = values[field];
      if (element.editor) element.editor.innerHTML = values[field];
    }
  }

  resolve(event) {
    const panel = this.conflictSlot.querySelector("[data-conflict-panel]");
    if (!panel) return;
    const keepMine = event.target.closest("[data-conflict-keep]");
    const useTheirs = event.target.closest("[data-conflict-theirs]");
    if (!keepMine && !useTheirs) return;
    this.version.value = panel.dataset.theirVersion;
    const theirs = {
      discussion: panel.querySelector("[data-theirs]").innerHTML.trim(),
      decisions: panel.querySelector("[data-theirs-decisions]").textContent,
    };
    this.server = theirs;
    if (useTheirs) this.setText(theirs);
    this.conflictSlot.innerHTML = "";
    this.forget();
    this.keep();
    this.setState(useTheirs ? "clean" : "pending");
    (this.discussion.editor || this.discussion).focus();
    if (keepMine) this.save();
  }

  // After a reload: text kept in the browser that the server never confirmed
  // is offered back for this item.
  offerKept() {
    const kept = {};
    let version = null;
    let at = 0;
    for (const field of FIELDS) {
      const entry = readKept(storageKey(this.form, field));
      if (!entry || entry.value === this.server[field]) continue;
      kept[field] = entry.value;
      version = version === null ? entry.version : Math.min(Number(version), Number(entry.version));
      at = Math.max(at, entry.at || 0);
    }
    if (!Object.keys(kept).length) {
      this.forget();
      return;
    }
    this.offering = true;
    const id = `restore-${itemOf(this.form)}`;
    const preview = plainText(kept.discussion ?? "") || kept.decisions || "";
    const banner = document.createElement("div");
    banner.className = "govuk-notification-banner";
    banner.setAttribute("role", "region");
    banner.setAttribute("aria-labelledby", `${id}-title`);
    banner.dataset.restoreBanner = "";
    banner.innerHTML = `
      <div class="govuk-notification-banner__header">
        <h3 class="govuk-notification-banner__title" id="${id}-title">Unsaved text</h3>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading"></p>
        <p class="govuk-body app-restore__preview"></p>
        <div class="govuk-button-group">
          <button type="button" class="govuk-button govuk-!-margin-bottom-0" data-restore-accept></button>
          <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-restore-discard></button>
        </div>
      </div>`;
    banner.querySelector(".govuk-notification-banner__heading").textContent =
      `Text you typed in item ${this.name} at ${clock(at)} was not saved. It was kept in this browser.`;
    banner.querySelector(".app-restore__preview").textContent =
      preview.length > 200 ? `${preview.slice(0, 200)}…` : preview;
    const accept = banner.querySelector("[data-restore-accept]");
    accept.textContent = "Restore it and save";
    accept.setAttribute("aria-describedby", `${id}-title`);
    const discard = banner.querySelector("[data-restore-discard]");
    discard.textContent = "Discard it";
    discard.setAttribute("aria-describedby", `${id}-title`);
    accept.addEventListener("click", () => {
      this.offering = false;
      banner.remove();
      this.setText(kept);
      // Saved over the version it was typed over: a save made since then is
      // met as a conflict, with both texts.
      this.version.value = version;
      this.keep();
      this.setState("pending");
      this.save();
      (this.discussion.editor || this.discussion).focus();
    });
    discard.addEventListener("click", () => {
      this.offering = false;
      banner.remove();
      this.forget();
      this.keep();
      (this.discussion.editor || this.discussion).focus();
    });
    this.restoreSlot.append(banner);
  }

  setState(state, wait) {
    this.state = state;
    const words = {
      clean: this.savedAt ? `Saved ${this.savedAt}` : "",
      pending: "Not saved yet",
      saving: "Saving…",
      retrying: `Not saved: retrying in ${wait} seconds. Your text is kept in this browser.`,
      "signed-out": `Not saved: ${SESSION_ENDED}.`,
      conflict: "Not saved: someone else changed this item. Choose a version below.",
      refused: `Not saved: ${this.refusal}`,
    }[state];
    this.itemStatus.textContent = words;
    this.itemStatus.classList.toggle(
      "app-item-status--error",
      ["retrying", "signed-out", "conflict", "refused"].includes(state),
    );
    renderStatus();
  }
}

function renderStatus() {
  if (!statusLine) return;
  const first = (state) => savers.find((saver) => saver.state === state);
  const conflict = first("conflict");
  const refused = first("refused");
  const signedOut = first("signed-out");
  const retrying = first("retrying");
  let text;
  let kind = "";
  if (conflict) {
    text = `Not saved — conflict in item ${conflict.name}`;
    kind = "error";
  } else if (refused) {
    text = `Not saved — ${refused.refusal}`;
    kind = "error";
  } else if (signedOut) {
    text = "";
    kind = "error";
  } else if (retrying) {
    text = "Not saved — retrying";
    kind = "error";
  } else if (savers.some((saver) => saver.state === "saving" || saver.state === "pending")) {
    text = "Saving…";
    kind = "saving";
  } else {
    const saved = savers.filter((saver) => saver.savedWhen);
    saved.sort((a, b) => Date.parse(a.savedWhen) - Date.parse(b.savedWhen));
    text = saved.length ? `Saved ${saved[saved.length - 1].savedAt}` : "All changes saved";
  }
  if (signedOut) {
    // Exactly what to do, and a way to do it without leaving this page.
    if (!statusLine.querySelector("a")) {
      const link = document.createElement("a");
      link.className = "govuk-link";
      link.href = signInUrl();
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = "Sign in again in a new tab";
      statusLine.replaceChildren("Your session has ended. ", link, "; your text is kept here and will save when you have.");
    }
  } else if (statusLine.textContent !== text) {
    statusLine.textContent = text;
  }
  statusLine.classList.toggle("app-save-status--error", kind === "error");
  statusLine.classList.toggle("app-save-status--saving", kind === "saving");
}

function register(form) {
  if (form.saver) return;
  const saver = new ItemSaver(form);
  form.saver = saver;
  savers.push(saver);
  saver.offerKept();
}

// Unsaved text is kept in the browser; only if that failed is leaving asked about.
window.addEventListener("beforeunload", (event) => {
  if (storageFailed && savers.some((saver) => saver.unsaved())) {
    event.preventDefault();
    event.returnValue = "";
  }
});

// When the connection comes back, the user returns to this tab or signs in
// again in another, try at once.
function resume() {
  for (const saver of savers) saver.saveNow();
}
window.addEventListener("online", resume);
window.addEventListener("focus", resume);
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible") resume();
});
onSignedIn(resume);


// Actions and new minutes ----------------------------------------------------

// Forms every item has are sent once, as <template>s, and put in each item
// here (the page stays small at twenty items); without this script each item
// links to the forms' own pages instead.
const PLACEHOLDER = "00000000-0000-0000-0000-000000000000";

function escapeHtml(text) {
  const span = document.createElement("span");
  span.textContent = text ?? "";
  return span.innerHTML.replaceAll('"', "&quot;");
}

function fill(scope) {
  const slots = scope.matches?.("[data-fill]") ? [scope] : [...scope.querySelectorAll("[data-fill]")];
  for (const slot of slots) {
    const template = document.getElementById(`${slot.dataset.fill}-template`);
    const section = slot.closest("[data-minute-item]");
    if (!template || !section) continue;
    const holder = document.createElement("template");
    holder.innerHTML = template.innerHTML
      .replaceAll(PLACEHOLDER, itemOf(slot))
      .replaceAll("__LABEL__", escapeHtml(section.dataset.itemLabel))
      .replaceAll("__TITLE__", escapeHtml(section.dataset.itemTitle));
    if (!section.hasAttribute("data-confidential")) {
      holder.content.querySelectorAll("[data-if-confidential]").forEach((element) => element.remove());
    }
    slot.replaceChildren(holder.content);
    slot.removeAttribute("data-fill");
    window.htmx?.process(slot);
    initAll({ scope: slot });
  }
}

function enhance(scope) {
  fill(scope);
  scope.querySelectorAll("textarea[data-rich-text]").forEach(enhanceEditor);
  scope.querySelectorAll("form[data-autosave]").forEach(register);
  enhanceTypeaheads(scope); // the owner field of a form filled in from its template
}

function focusField(element) {
  if (!element) return;
  (element.editor || element).focus();
}

// Ctrl+Enter adds the action from any field of its form, whatever the field
// is (the owner type-ahead included): heard on the way down (capture), before
// a field's own keys.
document.addEventListener(
  "keydown",
  (event) => {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey) || event.altKey) return;
    const form = event.target.closest?.("form[data-action-form]");
    if (!form) return;
    event.preventDefault();
    event.stopPropagation();
    form.requestSubmit();
  },
  { capture: true },
);

document.body.addEventListener("htmx:afterSwap", (event) => {
  const target = event.detail.target;
  if (target?.classList?.contains("app-item-actions") || target?.id?.startsWith("actions-")) {
    const block = document.getElementById(target.id) || target;
    const error = block.querySelector(".govuk-form-group--error input, .govuk-form-group--error textarea");
    focusField(error || block.querySelector("[data-action-description]"));
  }
});

document.body.addEventListener("htmx:load", (event) => {
  const element = event.detail.elt;
  if (!(element instanceof Element)) return;
  enhance(element);
  if (element.matches("[data-minute-item]")) {
    // A numbered minute just added: close the form that made it, start typing in it.
    const previous = element.previousElementSibling;
    const adder = previous?.querySelector("[data-add-minute]");
    if (adder) {
      adder.reset();
      adder.closest("details")?.removeAttribute("open");
    }
    focusField(element.querySelector("textarea[data-rich-text]"));
  }
});

// Keyboard shortcuts ---------------------------------------------------------

const SHORTCUTS = [
  [["Alt", "Shift", "N"], "Next item"],
  [["Alt", "Shift", "P"], "Previous item"],
  [["Alt", "Shift", "A"], "Add an action at this item"],
  [["Ctrl", "Enter"], "In an action: add it"],
  [["Ctrl", "S"], "Save now"],
  [["Ctrl", "B, I, U"], "Bold, italic, underline"],
  [["Ctrl", "Shift", "8 or 7"], "Bulleted or numbered list"],
];

function listShortcuts(slot) {
  if (!slot) return;
  const keys = (names) =>
    names
      .map((name) => name.split(/(, | or )/).map((part) => (/^(, | or )$/.test(part) ? part : `<kbd>${part}</kbd>`)).join(""))
      .join(" + ");
  const rows = SHORTCUTS.map(
    ([names, what]) =>
      `<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${keys(names)}</dt><dd class="govuk-summary-list__value">${what}</dd></div>`,
  ).join("");
  slot.outerHTML = `<details class="govuk-details app-shortcuts">
    <summary class="govuk-details__summary"><span class="govuk-details__summary-text">Keyboard shortcuts</span></summary>
    <div class="govuk-details__text">
      <p class="govuk-body">Tab moves through each item's fields in order. Minutes save by themselves a few seconds after you stop typing, and when you leave an item.</p>
      <dl class="govuk-summary-list govuk-summary-list--no-border app-shortcuts__list">${rows}</dl>
    </div>
  </details>`;
}

function sections() {
  return [...document.querySelectorAll("[data-minute-item]")];
}

function currentSection() {
  const here = document.activeElement?.closest?.("[data-minute-item], #attendance");
  if (here) return here;
  const all = sections();
  return all.find((section) => section.getBoundingClientRect().bottom > 120) || all[0];
}

function goTo(section) {
  if (!section) return;
  const field = section.querySelector("textarea[data-rich-text]");
  if (field) focusField(field);
  else section.querySelector("h2")?.focus();
  section.scrollIntoView({ block: "start" });
}

document.addEventListener(
  "keydown",
  (event) => {
  if (event.altKey && event.shiftKey && !event.ctrlKey) {
    const all = sections();
    const here = currentSection();
    const index = all.indexOf(here);
    if (event.code === "KeyN") {
      event.preventDefault();
      goTo(index === -1 ? all[0] : all[index + 1]);
    } else if (event.code === "KeyP") {
      event.preventDefault();
      goTo(index <= 0 ? all[0] : all[index - 1]);
    } else if (event.code === "KeyA") {
      event.preventDefault();
      focusField(here?.querySelector("[data-action-description]"));
    }
  } else if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.code === "KeyS") {
    event.preventDefault();
    for (const saver of savers) saver.saveNow();
  }
  },
  { capture: true },
);

if (root) {
  listShortcuts(root.querySelector("[data-shortcuts]"));
  enhance(root);
  renderStatus();
}
