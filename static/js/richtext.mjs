// What a pasted document (Word, a web page, an email) keeps in a minute:
// paragraphs, bold, italic, underline, bulleted and numbered lists, line
// breaks; headings become bold paragraphs. Everything else (Word's classes,
// styles, fonts, <o:p>, conditional comments, images, tables' grid) goes. The
// same allow-list cleans it again on the server (meetings/richtext.py): this
// only lets the editor show what will be kept.
//
// Word does not paste real lists: each item is a paragraph whose style says
// "mso-list:l0 level1 lfo1", with its bullet or number as text in a span marked
// "mso-list:Ignore". Runs of such paragraphs become lists here, nested by level.

const DROPPED = new Set([
  "script", "style", "meta", "link", "title", "head", "xml", "template", "iframe",
  "object", "embed", "img", "svg", "math", "button", "input", "select", "textarea", "noscript",
]);
const BLOCKS = new Set([
  "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "address",
  "section", "article", "header", "footer", "main", "aside", "nav", "figure", "figcaption",
  "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "ul", "ol", "li", "dl", "dt", "dd", "hr",
]);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
const ORDERED_MARKER = /^[([]?(?:\d{1,3}|[a-z]{1,2}|[ivxlc]{1,6})[.)\]]/i;

// Parsing a style attribute or element, even in a document made to be read
// and thrown away, is refused (and reported) by the Content Security Policy:
// they are renamed first and read under their new names.
function defuse(html) {
  return html
    .replace(/<style[\s>][\s\S]*?<\/style\s*>/gi, "")
    .replace(/(<[a-z][^>]*?\s)style\s*=/gi, "$1data-style=");
}

function style(element) {
  return (element.getAttribute?.("data-style") || "").toLowerCase().replace(/\s+/g, "");
}

function formatsOf(element) {
  const tag = element.localName;
  const css = style(element);
  const weight = css.match(/(?:^|;)font-weight:([^;]+)/)?.[1];
  const bold = weight ? weight === "bold" || weight === "bolder" || Number(weight) >= 600 : tag === "b" || tag === "strong";
  const fontStyle = css.match(/(?:^|;)font-style:([^;]+)/)?.[1];
  const italic = fontStyle ? fontStyle === "italic" || fontStyle === "oblique" : tag === "i" || tag === "em";
  const decoration = css.match(/(?:^|;)text-decoration(?:-line)?:([^;]+)/)?.[1];
  const underline = decoration ? decoration.includes("underline") : tag === "u" || tag === "ins";
  return { bold, italic, underline };
}

function isDropped(node) {
  if (node.nodeType === Node.COMMENT_NODE) return true;
  if (node.nodeType !== Node.ELEMENT_NODE) return false;
  const tag = node.localName;
  // <o:p>, <v:shape>, <w:sdt>...: Word's own elements.
  return DROPPED.has(tag) || tag.includes(":") || /mso-list:ignore/.test(style(node));
}

function hasBlocks(element) {
  return [...element.children].some((child) => BLOCKS.has(child.localName) && !isDropped(child));
}

// Inline content of `node` appended to `target` (an element of our own).
function appendInline(node, target, formats = { bold: false, italic: false, underline: false }) {
  for (const child of node.childNodes) {
    if (isDropped(child)) continue;
    if (child.nodeType === Node.TEXT_NODE) {
      const text = child.data.replace(/[\s\u00a0]+/g, " ");
      if (text) target.append(text);
      continue;
    }
    if (child.nodeType !== Node.ELEMENT_NODE) continue;
    if (child.localName === "br") {
      target.append(document.createElement("br"));
      continue;
    }
    const own = formatsOf(child);
    let into = target;
    const wraps = [];
    if (own.bold && !formats.bold) wraps.push("strong");
    if (own.italic && !formats.italic) wraps.push("em");
    if (own.underline && !formats.underline) wraps.push("u");
    for (const tag of wraps) {
      const wrapper = document.createElement(tag);
      into.append(wrapper);
      into = wrapper;
    }
    appendInline(child, into, {
      bold: formats.bold || own.bold,
      italic: formats.italic || own.italic,
      underline: formats.underline || own.underline,
    });
  }
}

function paragraph(element, { heading = false } = {}) {
  const p = document.createElement("p");
  let into = p;
  if (heading) {
    into = document.createElement("strong");
    p.append(into);
  }
  appendInline(element, into, { bold: heading, italic: false, underline: false });
  return p;
}

function wordListItem(element) {
  const css = style(element);
  const match = css.match(/mso-list:l(\d+)level(\d+)/);
  if (!match) return null;
  const marker = element.querySelector('[data-style*="mso-list"]');
  const markerText = marker && /mso-list:ignore/.test(style(marker)) ? marker.textContent.trim() : "";
  return {
    list: match[1],
    level: Number(match[2]),
    ordered: ORDERED_MARKER.test(markerText),
  };
}

class Builder {
  constructor() {
    this.out = document.createElement("div");
    this.lists = []; // open Word lists, by level: {element, level}
    this.loose = null; // a paragraph gathering inline content between blocks
  }

  closeLists() {
    this.lists = [];
  }

  inline(node) {
    this.closeLists();
    if (!this.loose) {
      this.loose = document.createElement("p");
      this.out.append(this.loose);
    }
    const holder = document.createElement("div");
    holder.append(node.cloneNode(true));
    appendInline(holder, this.loose);
  }

  block(element) {
    this.loose = null;
    const tag = element.localName;
    const word = wordListItem(element);
    if (word) return this.wordItem(element, word);
    this.closeLists();
    if (tag === "ul" || tag === "ol") return this.out.append(this.list(element));
    if (tag === "hr") return;
    if (hasBlocks(element)) return this.walk(element);
    this.out.append(paragraph(element, { heading: HEADINGS.has(tag) }));
  }

  wordItem(element, { level, ordered }) {
    const tag = ordered ? "ol" : "ul";
    while (this.lists.length && this.lists[this.lists.length - 1].level > level) this.lists.pop();
    let top = this.lists[this.lists.length - 1];
    if (top && top.level === level && top.element.localName !== tag) {
      this.lists.pop();
      top = this.lists[this.lists.length - 1];
    }
    if (!top || top.level < level) {
      const list = document.createElement(tag);
      const parentItem = top?.element.lastElementChild;
      (parentItem || this.out).append(list);
      top = { element: list, level };
      this.lists.push(top);
    }
    const li = document.createElement("li");
    appendInline(element, li);
    top.element.append(li);
  }

  list(element) {
    const list = document.createElement(element.localName);
    for (const child of element.children) {
      if (isDropped(child)) continue;
      const li = document.createElement("li");
      for (const part of child.childNodes) {
        if (part.nodeType === Node.ELEMENT_NODE && (part.localName === "ul" || part.localName === "ol")) {
          li.append(this.list(part));
        } else if (part.nodeType === Node.ELEMENT_NODE && BLOCKS.has(part.localName)) {
          if (li.childNodes.length) li.append(document.createElement("br"));
          appendInline(part, li);
        } else if (!isDropped(part)) {
          const holder = document.createElement("div");
          holder.append(part.cloneNode(true));
          appendInline(holder, li);
        }
      }
      list.append(li);
    }
    return list;
  }

  walk(container) {
    for (const child of container.childNodes) {
      if (isDropped(child)) continue;
      if (child.nodeType === Node.ELEMENT_NODE && BLOCKS.has(child.localName)) this.block(child);
      else if (child.nodeType === Node.TEXT_NODE && !child.data.trim()) continue;
      else this.inline(child);
    }
  }
}

function tidy(element) {
  // Empty paragraphs and items (Word's spacing) go; text is trimmed at the edges of blocks.
  for (const block of element.querySelectorAll("p, li")) {
    if (!block.textContent.trim() && !block.querySelector("ul, ol")) block.remove();
  }
  for (const block of element.querySelectorAll("p, li")) {
    const first = block.firstChild;
    if (first?.nodeType === Node.TEXT_NODE) first.data = first.data.replace(/^\s+/, "");
    const last = block.lastChild;
    if (last?.nodeType === Node.TEXT_NODE) last.data = last.data.replace(/\s+$/, "");
  }
  for (const list of element.querySelectorAll("ul, ol")) {
    if (!list.children.length) list.remove();
  }
  return element;
}

export function cleanPastedHtml(html) {
  const parsed = new DOMParser().parseFromString(defuse(html), "text/html");
  const builder = new Builder();
  builder.walk(parsed.body);
  return tidy(builder.out).innerHTML;
}

// Only what the allow-list allows stays in the editor, whatever a browser's
// editing commands added (they may wrap text in styled spans).
const KEPT = new Set(["p", "strong", "em", "u", "ul", "ol", "li", "br", "b", "i"]);

export function normalise(editor) {
  for (const element of [...editor.querySelectorAll("*")]) {
    for (const name of element.getAttributeNames()) element.removeAttribute(name);
    if (!KEPT.has(element.localName)) element.replaceWith(...element.childNodes);
  }
}
