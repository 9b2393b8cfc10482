// The one type-ahead for every people picker (owners, attendees, filters, team
// members): a text input with data-typeahead="<search url>" becomes a combobox
// (WAI-ARIA 1.2 pattern: role=combobox, aria-expanded, a listbox,
// aria-activedescendant, and a live region announcing the number of matches).
// Matches come from the server, at most twenty: no page carries the whole
// people list. Without this script the input is a plain text box whose value
// the server reads as a name.
//
// data-typeahead-multiple: several names separated by "/" (owners: EF/KW/PG);
//   only the name at the caret is searched and replaced.
// data-typeahead-create-team="<url>": offers "Create team 'X'" for a name that
//   matches no one, created after a confirm step.
//
// Keys: Down/Up move through the list, Enter picks the highlighted option only
// while the list is open, Escape closes it. Anything with Ctrl, Alt or Meta is
// left alone (Ctrl+Enter adds the action on the minuting screen).

const DELAY = 150;
let count = 0;

function csrfToken() {
  try {
    return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
  } catch {
    return "";
  }
}

function liveRegion() {
  let region = document.getElementById("app-typeahead-status");
  if (!region) {
    region = document.createElement("div");
    region.id = "app-typeahead-status";
    region.className = "govuk-visually-hidden";
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    document.body.append(region);
  }
  return region;
}

function announce(text) {
  const region = liveRegion();
  // A change of text is what screen readers announce; clear first so the
  // same count twice is read again.
  region.textContent = "";
  window.setTimeout(() => {
    region.textContent = text;
  }, 50);
}

class Typeahead {
  constructor(input) {
    count += 1;
    this.input = input;
    this.url = input.dataset.typeahead;
    this.multiple = "typeaheadMultiple" in input.dataset;
    this.createUrl = input.dataset.typeaheadCreateTeam || "";
    this.active = -1;
    this.highlightFirst = false;
    this.options = [];
    this.timer = null;
    this.request = null;

    this.listbox = document.createElement("ul");
    this.listbox.id = `${input.id || "typeahead"}-listbox-${count}`;
    this.listbox.className = "app-owner-listbox";
    this.listbox.setAttribute("role", "listbox");
    // Named apart from the input, so the field's label names the input alone.
    this.listbox.setAttribute("aria-label", "Suggestions");
    this.listbox.hidden = true;

    input.removeAttribute("list");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", this.listbox.id);
    // Autocomplete is off while someone types here (the list of matches stands
    // in for the browser's own) and on otherwise: the browser keeps what was
    // typed, for when they come Back to the form, only where it is on.
    const browserList = (on) =>
      on ? input.removeAttribute("autocomplete") : input.setAttribute("autocomplete", "off");
    browserList(document.activeElement !== input);
    input.addEventListener("focus", () => browserList(false));
    input.addEventListener("blur", () => browserList(true));

    const wrapper = document.createElement("div");
    wrapper.className = "app-owner-combobox";
    input.before(wrapper);
    wrapper.append(input, this.listbox);
    this.wrapper = wrapper;

    input.addEventListener("input", () => this.schedule());
    input.addEventListener("keydown", (event) => this.keydown(event));
    input.addEventListener("blur", () =>
      window.setTimeout(() => {
        if (document.activeElement !== this.input) this.close();
      }, 150),
    );
  }

  segment() {
    const value = this.input.value;
    if (!this.multiple) return { start: 0, end: value.length, text: value.trim() };
    const caret = this.input.selectionStart ?? value.length;
    const before = value.slice(0, caret);
    const start = Math.max(before.lastIndexOf("/"), before.lastIndexOf(","), before.lastIndexOf(";")) + 1;
    const after = value.slice(start).search(/[/,;]/);
    const end = after === -1 ? value.length : start + after;
    return { start, end, text: value.slice(start, end).trim() };
  }

  schedule() {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.search(), DELAY);
  }

  async search() {
    const { text } = this.segment();
    if (!text) {
      this.close();
      return;
    }
    if (this.request) this.request.abort();
    this.request = new AbortController();
    const url = `${this.url}${this.url.includes("?") ? "&" : "?"}q=${encodeURIComponent(text)}`;
    let data;
    try {
      const response = await fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: this.request.signal,
      });
      if (!response.ok) return;
      data = await response.json();
    } catch {
      return; // aborted by a newer keystroke, or offline: the text box still works
    }
    if (data.query !== this.segment().text) return; // typed on since
    this.show(data);
  }

  show(data) {
    this.options = data.results.map((match) => ({ ...match }));
    if (data.create_team && this.createUrl) {
      this.options.push({ kind: "create-team", label: `Create team ‘${data.create_team}’`, text: data.create_team });
    }
    this.listbox.replaceChildren(
      ...this.options.map((option, index) => {
        const item = document.createElement("li");
        item.id = `${this.listbox.id}-${index}`;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.textContent = option.label;
        if (option.hint) {
          const hint = document.createElement("span");
          hint.className = "app-typeahead__hint";
          hint.textContent = ` – ${option.hint}`;
          item.append(hint);
        }
        if (option.kind === "create-team") item.classList.add("app-typeahead__create");
        item.addEventListener("mousedown", (event) => {
          event.preventDefault();
          this.pick(index);
        });
        return item;
      }),
    );
    const found = data.results.length;
    if (!this.options.length) {
      this.close();
      announce("No matches");
      return;
    }
    this.listbox.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
    this.highlight(this.highlightFirst ? 0 : -1);
    this.highlightFirst = false;
    announce(
      `${found} ${found === 1 ? "match" : "matches"}${found && found >= 20 ? ", type more to narrow them" : ""}` +
        (this.options.length > found ? `. Or create a team called ${data.create_team}` : "") +
        ". Use the down arrow to choose.",
    );
  }

  isOpen() {
    return !this.listbox.hidden && this.options.length > 0;
  }

  highlight(index) {
    const items = [...this.listbox.children];
    items.forEach((item, i) => item.setAttribute("aria-selected", String(i === index)));
    this.active = index;
    if (items[index]) {
      this.input.setAttribute("aria-activedescendant", items[index].id);
      items[index].scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  }

  close() {
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  }

  keydown(event) {
    if (event.ctrlKey || event.altKey || event.metaKey) return; // Ctrl+Enter and friends pass through
    if (!this.isOpen()) {
      if (event.key === "ArrowDown" && this.segment().text) {
        event.preventDefault();
        this.highlightFirst = true; // when the matches arrive
        this.search();
      }
      return; // Enter with the list closed submits the form as usual
    }
    const total = this.options.length;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      this.highlight((this.active + 1) % total);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      this.highlight(this.active <= 0 ? total - 1 : this.active - 1);
    } else if (event.key === "Enter" && this.active >= 0) {
      event.preventDefault();
      this.pick(this.active);
    } else if (event.key === "Escape") {
      event.preventDefault();
      this.close();
    } else if (event.key === "Tab") {
      this.close();
    }
  }

  insert(text) {
    const { start, end } = this.segment();
    const value = this.input.value;
    if (this.multiple) {
      const before = value.slice(0, start).replace(/\s+$/, "");
      const rest = value.slice(end);
      const joined = `${before}${before ? "/" : ""}${text}`;
      this.input.value = `${joined.replace(/\/\//g, "/")}${rest}`;
      const caret = joined.length;
      this.input.setSelectionRange(caret, caret);
    } else {
      this.input.value = text;
    }
    this.input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  pick(index) {
    const option = this.options[index];
    if (!option) return;
    this.close();
    if (option.kind === "create-team") {
      this.confirmTeam(option.text);
      return;
    }
    this.insert(option.text);
    announce(`${option.text} chosen`);
    this.input.focus();
  }

  // "Create team 'X'": a confirm step in the page, then the team is created
  // and put in the box.
  confirmTeam(name) {
    this.wrapper.querySelector(".app-typeahead__confirm")?.remove();
    const panel = document.createElement("div");
    panel.className = "app-typeahead__confirm";
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-label", "Create a team");
    const question = document.createElement("p");
    question.className = "govuk-body govuk-!-margin-bottom-2";
    question.textContent = `Create a team called ‘${name}’? Its members can be added from Teams.`;
    const buttons = document.createElement("div");
    buttons.className = "govuk-button-group govuk-!-margin-bottom-0";
    const yes = document.createElement("button");
    yes.type = "button";
    yes.className = "govuk-button govuk-button--secondary govuk-!-margin-bottom-0";
    yes.textContent = "Create team";
    const no = document.createElement("button");
    no.type = "button";
    no.className = "govuk-button govuk-button--warning govuk-!-margin-bottom-0";
    no.textContent = "Cancel";
    const message = document.createElement("p");
    message.className = "govuk-error-message";
    message.hidden = true;
    buttons.append(yes, no);
    panel.append(question, buttons, message);
    this.wrapper.append(panel);
    const done = () => {
      panel.remove();
      this.input.focus();
    };
    no.addEventListener("click", done);
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        done();
      }
    });
    yes.addEventListener("click", async () => {
      yes.disabled = true;
      const body = new URLSearchParams({ name });
      let data = {};
      let ok = false;
      try {
        const response = await fetch(this.createUrl, {
          method: "POST",
          headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
          credentials: "same-origin",
          body,
        });
        ok = response.ok;
        data = await response.json().catch(() => ({}));
      } catch {
        data = { error: "The team could not be created: check your connection and try again" };
      }
      if (!ok) {
        yes.disabled = false;
        message.hidden = false;
        message.textContent = data.error || "The team could not be created";
        return;
      }
      done();
      this.insert(data.text);
      announce(`Team ${data.text} created and chosen`);
    });
    yes.focus();
    announce(`Create a team called ${name}? Create team, or Cancel`);
  }
}

export function enhanceTypeaheads(root = document) {
  for (const input of root.querySelectorAll("input[data-typeahead]")) {
    if (input.typeahead) continue;
    input.typeahead = new Typeahead(input);
  }
}

enhanceTypeaheads();
document.body.addEventListener("htmx:load", (event) => enhanceTypeaheads(event.target));
