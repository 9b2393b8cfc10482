// The agenda builder: after an item moves (the form posts through htmx and the
// table is replaced), keyboard focus stays on the button that moved it, or on
// its twin when the item reached the top or bottom, so a keyboard user can
// press it again. The status line above the table says where the item went.

document.body.addEventListener("htmx:beforeRequest", (event) => {
  const button = event.detail.requestConfig?.triggeringEvent?.submitter;
  if (button?.dataset.focusKey) {
    document.body.dataset.agendaFocus = button.dataset.focusKey;
  }
});

document.body.addEventListener("htmx:afterSettle", () => {
  const key = document.body.dataset.agendaFocus;
  if (!key) return;
  delete document.body.dataset.agendaFocus;
  const [uuid, direction] = key.split(":");
  const other = direction === "up" ? "down" : "up";
  const button =
    document.querySelector(`[data-focus-key="${uuid}:${direction}"]:not([disabled])`) ||
    document.querySelector(`[data-focus-key="${uuid}:${other}"]`);
  button?.focus();
});
