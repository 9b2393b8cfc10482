// The minuting screen: a small rich-text editor for each discussion, autosave
// that never loses a word, conflicts shown with both texts, keyboard shortcuts
// and an owner type-ahead. The page works without this script (each item has a
// Save button); this only makes it faster.
//
// Autosave: a few seconds after typing stops (at most every few seconds while
// typing goes on) and when focus leaves an item. Each save names the version
// it was typed over; the server answers saved, conflict (someone else saved in
// between: both texts shown, nothing overwritten) or refused. A failed request
// keeps the text in the page and is retried with growing waits, and the status
// line says so. Leaving the page with unsaved text asks first.

const SAVE_AFTER_MS = 2500;
const TIMEOUT_MS = 15000;
const RETRY_SECONDS = [2, 4, 8, 15, 30];

const root = document.querySelector("[data-minuting]");
const statusLine = document.querySelector("[data-save-status]");
const savers = [];

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
  const hint = group.querySelector(".govuk-hint");

  const editor = document.createElement("div");
  editor.className = "app-editor";
  editor.id = `${textarea.id}-editor`;
  editor.contentEditable = "true";
  editor.setAttribute("role", "textbox");
  editor.setAttribute("aria-multiline", "true");
  editor.setAttribute("aria-labelledby", label.id);
  editor.setAttribute("aria-keyshortcuts", FORMATS.map((f) => f.keys).join(" "));
  editor.setAttribute("spellcheck", "true");
  if (hint) {
    hint.textContent =
      "Ctrl+B bold, Ctrl+I italic, Ctrl+U underline, Ctrl+Shift+8 bullets, Ctrl+Shift+7 numbered list";
    editor.setAttribute("aria-describedby", hint.id);
  }
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
  // Pasted text comes in plain: what Word or email adds would not survive the
  // server's cleaning anyway, and the editor should show what will be kept.
  editor.addEventListener("paste", (event) => {
    event.preventDefault();
    document.execCommand("insertText", false, event.clipboardData.getData("text/plain"));
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

class ItemSaver {
  constructor(form) {
    this.form = form;
    this.section = form.closest("[data-minute-item]");
    this.name = this.section?.dataset.itemLabel || "this item";
    this.version = form.querySelector('input[name$="-version"]');
    this.discussion = form.querySelector('textarea[name$="-discussion"]');
    this.decisions = form.querySelector('textarea[name$="-decisions"]');
    this.itemStatus = form.querySelector("[data-item-status]");
    this.conflictSlot = form.querySelector("[data-conflict]");
    this.state = "clean"; // clean | pending | saving | retrying | conflict | refused
    this.savedAt = null;
    this.sent = null;
    this.timer = null;
    this.attempt = 0;
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
    return `${this.discussion.value}\u0000${this.decisions.value}`;
  }

  changed() {
    if (this.state === "conflict" || this.state === "refused") return;
    if (this.state === "clean") this.setState("pending");
    if (!this.timer && this.state !== "saving" && this.state !== "retrying") {
      this.timer = setTimeout(() => this.save(), SAVE_AFTER_MS);
    }
  }

  saveNow() {
    if (this.state === "retrying") this.attempt = 0;
    if (this.state === "pending" || this.state === "retrying") this.save();
  }

  async save() {
    clearTimeout(this.timer);
    this.timer = null;
    if (this.sent !== null || this.state === "conflict" || this.state === "refused") return;
    this.sent = this.values();
    this.setState("saving");
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), TIMEOUT_MS);
    let answer = null;
    try {
      const response = await fetch(this.form.action, {
        method: "POST",
        body: new FormData(this.form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        redirect: "manual",
        signal: controller.signal,
      });
      if (response.type === "opaqueredirect") {
        answer = { result: "signed-out" };
      } else if (response.ok && (response.headers.get("Content-Type") || "").includes("json")) {
        answer = await response.json();
      }
    } catch {
      answer = null; // offline, timed out, refused: retried below
    } finally {
      clearTimeout(timeout);
    }
    this.handle(answer);
  }

  handle(answer) {
    const sent = this.sent;
    this.sent = null;
    if (answer?.result === "saved") {
      this.attempt = 0;
      this.version.value = answer.version;
      this.savedAt = answer.time;
      this.lastSavedValues = sent;
      if (this.values() !== sent) {
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
    } else {
      this.signedOut = answer?.result === "signed-out";
      this.retry();
    }
  }

  retry() {
    const wait = RETRY_SECONDS[Math.min(this.attempt, RETRY_SECONDS.length - 1)];
    this.attempt += 1;
    this.setState("retrying", wait);
    this.timer = setTimeout(() => this.save(), wait * 1000);
  }

  resolve(event) {
    const panel = this.conflictSlot.querySelector("[data-conflict-panel]");
    if (!panel) return;
    const keepMine = event.target.closest("[data-conflict-keep]");
    const useTheirs = event.target.closest("[data-conflict-theirs]");
    if (!keepMine && !useTheirs) return;
    this.version.value = panel.dataset.theirVersion;
    if (useTheirs) {
      const html = panel.querySelector("[data-theirs]").innerHTML.trim();
      this.discussion.value = html;
      if (this.discussion.editor) this.discussion.editor.innerHTML = html;
      this.decisions.value = panel.querySelector("[data-theirs-decisions]").textContent;
      this.lastSavedValues = this.values();
    }
    this.conflictSlot.innerHTML = "";
    this.setState(useTheirs ? "clean" : "pending");
    (this.discussion.editor || this.discussion).focus();
    if (keepMine) this.save();
  }

  setState(state, wait) {
    this.state = state;
    const words = {
      clean: this.savedAt ? `Saved ${this.savedAt}` : "",
      pending: "Not saved yet",
      saving: "Saving…",
      retrying: this.signedOut
        ? "Not saved: you may have been signed out. Sign in again in a new tab; saving will go on."
        : `Not saved: retrying in ${wait} seconds. Your text is kept on this page.`,
      conflict: "Not saved: someone else changed this item. Choose a version below.",
      refused: `Not saved: ${this.refusal}`,
    }[state];
    this.itemStatus.textContent = words;
    this.itemStatus.classList.toggle(
      "app-item-status--error",
      ["retrying", "conflict", "refused"].includes(state),
    );
    renderStatus();
  }
}

function renderStatus() {
  if (!statusLine) return;
  const first = (state) => savers.find((saver) => saver.state === state);
  const conflict = first("conflict");
  const refused = first("refused");
  const retrying = first("retrying");
  let text;
  let kind = "";
  if (conflict) {
    text = `Not saved — conflict in item ${conflict.name}`;
    kind = "error";
  } else if (refused) {
    text = `Not saved — ${refused.refusal}`;
    kind = "error";
  } else if (retrying) {
    text = retrying.signedOut ? "Not saved — sign in again in a new tab" : "Not saved — retrying";
    kind = "error";
  } else if (savers.some((saver) => saver.state === "saving" || saver.state === "pending")) {
    text = "Saving…";
    kind = "saving";
  } else {
    const times = savers.map((saver) => saver.savedAt).filter(Boolean).sort();
    text = times.length ? `Saved ${times[times.length - 1]}` : "All changes saved";
  }
  if (statusLine.textContent !== text) statusLine.textContent = text;
  statusLine.classList.toggle("app-save-status--error", kind === "error");
  statusLine.classList.toggle("app-save-status--saving", kind === "saving");
}

function register(form) {
  if (form.saver) return;
  const saver = new ItemSaver(form);
  saver.lastSavedValues = saver.values();
  form.saver = saver;
  savers.push(saver);
}

window.addEventListener("beforeunload", (event) => {
  if (savers.some((saver) => saver.state !== "clean")) {
    event.preventDefault();
    event.returnValue = "";
  }
});

// When the connection comes back, try at once.
window.addEventListener("online", () => {
  for (const saver of savers) saver.saveNow();
});

// Owners: several, separated by "/" ----------------------------------------------

let comboboxCount = 0;

function ownerLabels() {
  return [...document.querySelectorAll("#owner-choices option")].map((option) => option.value);
}

function insertText(label) {
  // "Ellen Foster (EF)" -> "Ellen Foster"; "All members of Exec" -> "All".
  if (label.startsWith("All")) return "All";
  return label.replace(/\s*\((?:[^()]*)\)$/, "");
}

function enhanceOwners(input) {
  if (input.dataset.enhanced) return;
  input.dataset.enhanced = "true";
  const labels = ownerLabels();
  if (!labels.length) return;
  comboboxCount += 1;
  const listbox = document.createElement("ul");
  listbox.id = `owner-listbox-${comboboxCount}`;
  listbox.className = "app-owner-listbox";
  listbox.setAttribute("role", "listbox");
  listbox.setAttribute("aria-label", "Owners");
  listbox.hidden = true;
  input.removeAttribute("list");
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listbox.id);
  const wrapper = document.createElement("div");
  wrapper.className = "app-owner-combobox";
  input.before(wrapper);
  wrapper.append(input, listbox);
  let active = -1;

  const segment = () => {
    const value = input.value.slice(0, input.selectionStart ?? input.value.length);
    const start = Math.max(value.lastIndexOf("/"), value.lastIndexOf(","), value.lastIndexOf(";")) + 1;
    return { start, text: value.slice(start).trim().toLowerCase() };
  };
  const close = () => {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const highlight = (index) => {
    const options = [...listbox.children];
    options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    active = index;
    if (options[index]) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    }
  };
  const choose = (label) => {
    const { start } = segment();
    const end = input.value.slice(start).search(/[/,;]/);
    const rest = end === -1 ? "" : input.value.slice(start + end);
    const before = input.value.slice(0, start);
    input.value = `${before}${insertText(label)}${rest}`;
    close();
    input.focus();
  };
  const open = () => {
    const { text } = segment();
    if (!text) return close();
    const matches = labels.filter((label) => label.toLowerCase().includes(text)).slice(0, 8);
    listbox.replaceChildren(
      ...matches.map((label, index) => {
        const option = document.createElement("li");
        option.id = `${listbox.id}-${index}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = label;
        option.addEventListener("mousedown", (event) => {
          event.preventDefault();
          choose(label);
        });
        return option;
      }),
    );
    listbox.hidden = !matches.length;
    input.setAttribute("aria-expanded", String(!!matches.length));
    highlight(matches.length ? 0 : -1);
  };
  input.addEventListener("input", open);
  input.addEventListener("blur", close);
  input.addEventListener("keydown", (event) => {
    const count = listbox.children.length;
    if (listbox.hidden || !count) return;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      highlight((active + 1) % count);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      highlight((active - 1 + count) % count);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      choose(listbox.children[active].textContent);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
}

// Actions and new minutes ----------------------------------------------------

function enhance(scope) {
  scope.querySelectorAll("textarea[data-rich-text]").forEach(enhanceEditor);
  scope.querySelectorAll("form[data-autosave]").forEach(register);
  scope.querySelectorAll("input[data-owner-typeahead]").forEach(enhanceOwners);
}

function focusField(element) {
  if (!element) return;
  (element.editor || element).focus();
}

document.addEventListener("keydown", (event) => {
  if (event.target.matches?.("[data-action-description]") && event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    event.target.form.requestSubmit();
  }
});

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

document.addEventListener("keydown", (event) => {
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
});

if (root) {
  enhance(root);
  renderStatus();
}
