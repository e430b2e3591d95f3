import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { TypedError } from '../typed-error';

/** The file is not well-formed XML (or not a StaticRoutes file at all); nothing was changed. */
export class StaticRoutesXmlError extends TypedError {
  constructor(message: string, code = 'static-routes-xml') {
    super(code, message);
    this.name = 'StaticRoutesXmlError';
  }
}

/** One attribute of an open tag, with its source span (including the whitespace before it) and its value span. */
export interface XmlAttribute {
  name: string;
  value: string;
  start: number;
  end: number;
  valueStart: number;
  valueEnd: number;
}

/**
 * An element with the exact source offsets of its tags. Edits splice the original text at these offsets,
 * so every byte outside an edit stays as it was: comments, quoting, entities, whitespace, unknown elements.
 */
export interface XmlElement {
  name: string;
  /** Offset of `<` of the open tag. */
  start: number;
  /** Offset just after `>` of the open tag (equals `end` for `<x/>`). */
  openEnd: number;
  /** Offset of `<` of the close tag (equals `end` for `<x/>`). */
  closeStart: number;
  /** Offset just after the element. */
  end: number;
  selfClosing: boolean;
  attributes: XmlAttribute[];
  children: XmlElement[];
  /** The decoded text directly inside this element (entities resolved, CDATA included). */
  text: string;
  parent: XmlElement | null;
}

export interface XmlSourceTree {
  text: string;
  root: XmlElement;
}

const ATTRIBUTE = /\s+([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*')/gy;

/** Parses well-formed XML and keeps the source offsets of every element; anything malformed is a typed error. */
export function parseXmlSource(text: string): XmlSourceTree {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let failure: string | null = null;

  parser.on('error', (error) => {
    failure ??= error.message;
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const openEnd = parser.position;
    // '<' cannot occur inside a tag, so the last one before its end is where the tag starts.
    const start = text.lastIndexOf('<', openEnd - 1);
    const parent = stack.at(-1) ?? null;
    const element: XmlElement = {
      name: tag.name,
      start,
      openEnd,
      closeStart: openEnd,
      end: openEnd,
      selfClosing: tag.isSelfClosing,
      attributes: attributeSpans(text, start, openEnd, tag),
      children: [],
      text: '',
      parent,
    };
    if (parent) parent.children.push(element);
    else root ??= element;
    stack.push(element);
  });
  parser.on('closetag', (tag) => {
    const element = stack.pop();
    if (!element) return;
    if (!tag.isSelfClosing) {
      element.end = parser.position;
      element.closeStart = text.lastIndexOf('<', element.end - 1);
    }
  });
  const addText = (value: string) => {
    const current = stack.at(-1);
    if (current) current.text += value;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);

  try {
    parser.write(text).close();
  } catch (error) {
    failure ??= error instanceof Error ? error.message : 'parse error';
  }
  if (failure !== null) throw new StaticRoutesXmlError(`not well-formed XML: ${failure}`);
  if (!root) throw new StaticRoutesXmlError('not well-formed XML: there is no root element');
  return { text, root };
}

function attributeSpans(text: string, start: number, openEnd: number, tag: SaxesTagPlain): XmlAttribute[] {
  const out: XmlAttribute[] = [];
  const tagText = text.slice(start, openEnd);
  ATTRIBUTE.lastIndex = 1 + tag.name.length;
  for (let match = ATTRIBUTE.exec(tagText); match; match = ATTRIBUTE.exec(tagText)) {
    const name = match[1] ?? '';
    const quoted = match[2] ?? '""';
    const valueEnd = start + ATTRIBUTE.lastIndex - 1;
    out.push({
      name,
      value: tag.attributes[name] ?? '',
      start: start + match.index,
      end: start + ATTRIBUTE.lastIndex,
      valueStart: valueEnd - (quoted.length - 2),
      valueEnd,
    });
  }
  return out;
}

/** Element names in StaticRoutes.xml are compared without case: Beckhoff's own samples differ (`<Tls>`, `<tls>`). */
export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => sameName(child.name, name));
}

export function childNamed(element: XmlElement | null | undefined, name: string): XmlElement | null {
  return element ? (element.children.find((child) => sameName(child.name, name)) ?? null) : null;
}

export function attributeNamed(element: XmlElement, name: string): XmlAttribute | null {
  return element.attributes.find((attribute) => sameName(attribute.name, name)) ?? null;
}

/** XML booleans as TwinCAT writes them ("True", "true", "1"). */
export function isTrue(value: string | null | undefined): boolean {
  const v = (value ?? '').trim().toLowerCase();
  return v === 'true' || v === '1';
}
