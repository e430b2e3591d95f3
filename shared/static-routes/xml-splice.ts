import type { XmlAttribute, XmlElement, XmlSourceTree } from './xml-source-tree';

/** A replacement of the source range [start, end). */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** A new element to write: attributes and either text or child elements. */
export interface NewElement {
  name: string;
  attributes?: Array<[string, string]>;
  text?: string;
  children?: NewElement[];
}

export function applySplices(text: string, splices: Splice[]): string {
  const ordered = [...splices].sort((a, b) => b.start - a.start);
  let out = text;
  let limit = Number.POSITIVE_INFINITY;
  for (const splice of ordered) {
    if (splice.end > limit) throw new Error('overlapping edits');
    out = out.slice(0, splice.start) + splice.text + out.slice(splice.end);
    limit = splice.start;
  }
  return out;
}

export function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/** How the file is laid out, so inserted lines look like their neighbours. */
export interface Layout {
  newline: string;
  unit: string;
}

export function detectLayout(text: string): Layout {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const indents = [...text.matchAll(/\n([ \t]+)</g)].map((m) => m[1] ?? '');
  const tabs = indents.filter((i) => i.startsWith('\t')).length;
  if (tabs > indents.length / 2) return { newline, unit: '\t' };
  const widths = indents.map((i) => i.length).filter((n) => n > 0);
  const unit = widths.length ? Math.min(...widths) : 2;
  return { newline, unit: ' '.repeat(Math.min(Math.max(unit, 1), 8)) };
}

/** The whitespace that starts the line an element is on (empty when something else precedes it on that line). */
export function indentOf(text: string, element: XmlElement): string {
  const lineStart = text.lastIndexOf('\n', element.start - 1) + 1;
  const before = text.slice(lineStart, element.start);
  return /^[ \t]*$/.test(before) ? before : '';
}

export function renderElement(element: NewElement, indent: string, layout: Layout, inline: boolean): string {
  const attributes = (element.attributes ?? []).map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join('');
  const open = `<${element.name}${attributes}`;
  if (element.children?.length) {
    if (inline) return `${open}>${element.children.map((c) => renderElement(c, '', layout, true)).join('')}</${element.name}>`;
    const inner = element.children
      .map((c) => layout.newline + indent + layout.unit + renderElement(c, indent + layout.unit, layout, false))
      .join('');
    return `${open}>${inner}${layout.newline}${indent}</${element.name}>`;
  }
  if (element.text !== undefined) return `${open}>${escapeText(element.text)}</${element.name}>`;
  return `${open} />`;
}

/**
 * Inserts a new child into `parent`: after `after` (or before `before`, or as the last element child), on its own
 * line, indented like its siblings; an inline sibling layout (`<Psk><Identity>…`) is copied too.
 */
export function insertChild(
  tree: XmlSourceTree,
  parent: XmlElement,
  child: NewElement,
  where: { after?: XmlElement; before?: XmlElement } = {},
): Splice {
  const { text } = tree;
  const layout = detectLayout(text);
  const siblings = parent.children;
  const inline =
    siblings.some((s) => sameKind(s, child) && !text.slice(s.start, s.end).includes('\n')) &&
    !siblings.some((s) => sameKind(s, child) && text.slice(s.start, s.end).includes('\n'));
  if (siblings.length) {
    const anchorBefore = where.before ?? null;
    const anchorAfter = anchorBefore ? null : (where.after ?? siblings.at(-1) ?? null);
    const reference = anchorBefore ?? anchorAfter ?? siblings[0]!;
    const indent = indentOf(text, reference);
    const rendered = renderElement(child, indent, layout, inline);
    if (anchorBefore) {
      const gap = leadingGap(tree, anchorBefore);
      return { start: anchorBefore.start, end: anchorBefore.start, text: `${rendered}${gap || (indent ? layout.newline + indent : '')}` };
    }
    const after = anchorAfter!;
    const gap = leadingGap(tree, after);
    return { start: after.end, end: after.end, text: `${gap || (indent ? layout.newline + indent : '')}${rendered}` };
  }
  const parentIndent = indentOf(text, parent);
  const indent = parentIndent + layout.unit;
  const rendered = renderElement(child, indent, layout, inline);
  if (parent.selfClosing) {
    const openTag = text.slice(parent.start, parent.end).replace(/\s*\/>$/, '>');
    return {
      start: parent.start,
      end: parent.end,
      text: `${openTag}${layout.newline}${indent}${rendered}${layout.newline}${parentIndent}</${parent.name}>`,
    };
  }
  const inner = text.slice(parent.openEnd, parent.closeStart);
  if (/^\s*$/.test(inner)) {
    return { start: parent.openEnd, end: parent.closeStart, text: `${layout.newline}${indent}${rendered}${layout.newline}${parentIndent}` };
  }
  // Text or comments only: keep them and add the child after them.
  return {
    start: parent.closeStart,
    end: parent.closeStart,
    text: `${layout.newline}${indent}${rendered}${layout.newline}${parentIndent}`,
  };
}

function sameKind(existing: XmlElement, child: NewElement): boolean {
  return existing.name.toLowerCase() === child.name.toLowerCase();
}

/** The whitespace-only gap before an element back to its previous sibling or the parent's open tag ('' if not blank). */
function leadingGap(tree: XmlSourceTree, element: XmlElement): string {
  const from = gapStart(element);
  const gap = tree.text.slice(from, element.start);
  return /^\s*$/.test(gap) ? gap : '';
}

function gapStart(element: XmlElement): number {
  const parent = element.parent;
  if (!parent) return element.start;
  const index = parent.children.indexOf(element);
  return index > 0 ? parent.children[index - 1]!.end : parent.openEnd;
}

/** Removes an element and the blank run before it, so no empty line is left behind. */
export function removeElement(tree: XmlSourceTree, element: XmlElement): Splice {
  const from = gapStart(element);
  const gap = tree.text.slice(from, element.start);
  const lastNewline = gap.lastIndexOf('\n');
  // Only the whitespace on the element's own line (and the line break before it) goes; comments before it stay.
  if (lastNewline >= 0 && /^[ \t]*$/.test(gap.slice(lastNewline + 1))) {
    const start = from + lastNewline - (gap[lastNewline - 1] === '\r' ? 1 : 0);
    return { start, end: element.end, text: '' };
  }
  return { start: element.start, end: element.end, text: '' };
}

/** Sets an element's text (keeps the tags as written; `<Ca/>` becomes `<Ca>…</Ca>`). */
export function setElementText(tree: XmlSourceTree, element: XmlElement, value: string): Splice {
  if (element.selfClosing) {
    const openTag = tree.text.slice(element.start, element.end).replace(/\s*\/>$/, '>');
    return { start: element.start, end: element.end, text: `${openTag}${escapeText(value)}</${element.name}>` };
  }
  return { start: element.openEnd, end: element.closeStart, text: escapeText(value) };
}

/** Sets an attribute's value in place (keeping its quotes), or adds it after the last attribute. */
export function setAttribute(tree: XmlSourceTree, element: XmlElement, existing: XmlAttribute | null, name: string, value: string): Splice {
  if (existing) {
    const quote = tree.text[existing.valueStart - 1];
    const escaped = quote === "'" ? escapeText(value).replace(/'/g, '&apos;') : escapeAttribute(value);
    return { start: existing.valueStart, end: existing.valueEnd, text: escaped };
  }
  const at = element.attributes.at(-1)?.end ?? element.start + 1 + element.name.length;
  return { start: at, end: at, text: ` ${name}="${escapeAttribute(value)}"` };
}

export function removeAttribute(attribute: XmlAttribute): Splice {
  return { start: attribute.start, end: attribute.end, text: '' };
}
