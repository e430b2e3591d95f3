import {
  StaticRoutesXmlError,
  attributeNamed,
  childNamed,
  childrenNamed,
  isTrue,
  parseXmlSource,
  sameName,
  type XmlElement,
  type XmlSourceTree,
} from './xml-source-tree';
import {
  applySplices,
  insertChild,
  removeAttribute,
  removeElement,
  setAttribute,
  setElementText,
  type NewElement,
  type Splice,
} from './xml-splice';

/** A route as StaticRoutes.xml holds it. Unknown children are counted, never dropped. */
export interface StaticRouteEntry {
  name: string;
  address: string;
  netId: string;
  type: string;
  flags: string | null;
  unidirectional: boolean;
  /** The route carries a `<Tls>` element (Secure ADS); its content is not public and is not interpreted. */
  secure: boolean;
  subRoutes: number;
}

/** The CA entry of the `<Server>` section: file paths as written, never the key password. */
export interface ServerTlsFiles {
  ca: string | null;
  cert: string | null;
  key: string | null;
  ignoreCn: boolean;
  /** A `<KeyPwd>` is present (its value is a secret and never read into this model). */
  keyPassword: boolean;
}

/** What the page shows: no secret is ever part of it. */
export interface StaticRoutesModel {
  secureOnly: boolean;
  psk: Array<{ identity: string }>;
  tls: ServerTlsFiles | null;
  routes: StaticRouteEntry[];
}

export const EMPTY_STATIC_ROUTES =
  '<?xml version="1.0" encoding="utf-8"?>\n<TcConfig xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n  <RemoteConnections>\n  </RemoteConnections>\n</TcConfig>\n';

/** Parses and checks the root; every reader and every edit goes through here. */
export function parseStaticRoutes(text: string): XmlSourceTree {
  const tree = parseXmlSource(text);
  if (!sameName(tree.root.name, 'TcConfig')) throw new StaticRoutesXmlError(`the root element is <${tree.root.name}>, not <TcConfig>`);
  return tree;
}

export function readStaticRoutes(text: string): StaticRoutesModel {
  const tree = parseStaticRoutes(text);
  const remote = childNamed(tree.root, 'RemoteConnections');
  const server = childNamed(remote, 'Server');
  return {
    secureOnly: remote ? isTrue(attributeNamed(remote, 'SecureOnly')?.value) : false,
    psk: pskElements(tree).map(({ identity }) => ({ identity })),
    tls: tlsFiles(server),
    routes: remote ? childrenNamed(remote, 'Route').map(routeEntry) : [],
  };
}

/** The PSK identities with their secrets, for the virtual target (which must check them) only. */
export function readPskSecrets(text: string): Array<{ identity: string; secret: string }> {
  return pskElements(parseStaticRoutes(text)).map(({ identity, element }) => ({
    identity,
    secret: childNamed(element, 'Pwd')?.text ?? '',
  }));
}

function routeEntry(route: XmlElement): StaticRouteEntry {
  const text = (name: string) => childNamed(route, name)?.text.trim() ?? '';
  const flags = childNamed(route, 'Flags');
  return {
    name: text('Name'),
    address: text('Address'),
    netId: text('NetId'),
    type: text('Type'),
    flags: flags ? flags.text.trim() : null,
    unidirectional: isTrue(attributeNamed(route, 'Unidirectional')?.value),
    secure: childNamed(route, 'Tls') !== null,
    subRoutes: childNamed(route, 'SubRoutes')?.children.length ?? 0,
  };
}

function serverTlsEntries(tree: XmlSourceTree): XmlElement[] {
  return childrenNamed(childNamed(childNamed(tree.root, 'RemoteConnections'), 'Server') ?? emptyElement, 'Tls');
}

function pskElements(tree: XmlSourceTree): Array<{ identity: string; element: XmlElement }> {
  return serverTlsEntries(tree).flatMap((tls) =>
    childrenNamed(tls, 'Psk').map((element) => ({ identity: childNamed(element, 'Identity')?.text.trim() ?? '', element })),
  );
}

const CA_PARTS = ['Ca', 'Cert', 'Key'] as const;

function caEntry(server: XmlElement | null): XmlElement | null {
  if (!server) return null;
  return childrenNamed(server, 'Tls').find((tls) => CA_PARTS.some((part) => childNamed(tls, part))) ?? null;
}

function tlsFiles(server: XmlElement | null): ServerTlsFiles | null {
  const tls = caEntry(server);
  if (!tls) return null;
  const path = (name: string) => childNamed(tls, name)?.text.trim() || null;
  return {
    ca: path('Ca'),
    cert: path('Cert'),
    key: path('Key'),
    ignoreCn: isTrue(attributeNamed(tls, 'IgnoreCn')?.value),
    keyPassword: childNamed(tls, 'KeyPwd') !== null,
  };
}

const emptyElement: XmlElement = {
  name: '',
  start: 0,
  openEnd: 0,
  closeStart: 0,
  end: 0,
  selfClosing: true,
  attributes: [],
  children: [],
  text: '',
  parent: null,
};

/** A change the page, the CLI or the virtual target asks for. */
export type StaticRoutesEdit =
  | { kind: 'add-psk'; identity: string; secret: string }
  | { kind: 'remove-psk'; identity: string }
  | { kind: 'set-secure-only'; on: boolean }
  | { kind: 'set-tls'; ca: string; cert: string; key: string; keyPassword?: string; ignoreCn: boolean }
  | { kind: 'clear-tls' }
  | { kind: 'add-route'; route: NewRoute }
  | { kind: 'remove-route'; name: string };

export interface NewRoute {
  name: string;
  address: string;
  netId: string;
  unidirectional?: boolean;
  /** Flags exactly as TwinCAT writes them for this kind of route; omitted when not known. */
  flags?: number;
  /** Secure ADS: the route gets a `<Tls>` element whose content (not public) is left empty. */
  secure?: boolean;
  /** Further elements after `<Flags>` (the virtual target's own `<Tls>` layout, `<MaxFragment>`). */
  extra?: NewElement[];
}

/** Raised for an edit that cannot apply (duplicate identity, unknown identity, …); the text is unchanged. */
export class StaticRoutesEditError extends StaticRoutesXmlError {
  constructor(message: string) {
    super(message, 'static-routes-edit');
    this.name = 'StaticRoutesEditError';
  }
}

/**
 * Applies edits one by one, each as a splice of the current text, and parses the result after each: whatever is not
 * edited keeps its bytes. The returned text always parses.
 */
export function editStaticRoutes(text: string, edits: StaticRoutesEdit[]): string {
  let current = text;
  for (const edit of edits) {
    const tree = parseStaticRoutes(current);
    const next = applySplices(current, spliceFor(tree, edit));
    parseStaticRoutes(next);
    current = next;
  }
  return current;
}

function spliceFor(tree: XmlSourceTree, edit: StaticRoutesEdit): Splice[] {
  switch (edit.kind) {
    case 'add-psk':
      return addPsk(tree, edit.identity, edit.secret);
    case 'remove-psk':
      return removePsk(tree, edit.identity);
    case 'set-secure-only':
      return setSecureOnly(tree, edit.on);
    case 'set-tls':
      return setTls(tree, edit);
    case 'clear-tls':
      return clearTls(tree);
    case 'add-route':
      return addRoute(tree, edit.route);
    case 'remove-route':
      return removeRoute(tree, edit.name);
  }
}

/** Each edit works on an existing section or creates the missing one (and only that) in one splice. */
function ensurePath(tree: XmlSourceTree, path: string[], leaf: NewElement): Splice[] {
  let parent = tree.root;
  for (let i = 0; i < path.length; i++) {
    const next = childNamed(parent, path[i]!);
    if (!next) {
      let element = leaf;
      for (let j = path.length - 1; j >= i; j--) element = { name: path[j]!, children: [element] };
      return [insertChild(tree, parent, element)];
    }
    parent = next;
  }
  return [insertChild(tree, parent, leaf)];
}

function pskElement(identity: string, secret: string): NewElement {
  // TwinCAT keeps the secret in plain text in <Pwd> (TE1000 §6.3); the key is derived from identity and Pwd.
  return {
    name: 'Psk',
    children: [
      { name: 'Identity', text: identity },
      { name: 'Pwd', text: secret },
    ],
  };
}

function addPsk(tree: XmlSourceTree, identity: string, secret: string): Splice[] {
  checkIdentity(identity);
  if (!secret) throw new StaticRoutesEditError('a PSK identity needs a secret');
  const existing = pskElements(tree);
  // TwinCAT compares identities without case by default (IdentityCaseSensitive=false).
  if (existing.some((p) => p.identity.toUpperCase() === identity.toUpperCase())) {
    throw new StaticRoutesEditError(`the PSK identity "${identity}" already exists`);
  }
  const last = existing.at(-1)?.element;
  if (last?.parent) return [insertChild(tree, last.parent, pskElement(identity, secret), { after: last })];
  const server = childNamed(childNamed(tree.root, 'RemoteConnections'), 'Server');
  // A <Tls> of its own, beside the CA entry, as Beckhoff's samples keep them.
  if (server) return [insertChild(tree, server, { name: 'Tls', children: [pskElement(identity, secret)] })];
  return ensurePath(tree, ['RemoteConnections', 'Server'], { name: 'Tls', children: [pskElement(identity, secret)] });
}

function removePsk(tree: XmlSourceTree, identity: string): Splice[] {
  const entries = pskElements(tree).filter((p) => p.identity.toUpperCase() === identity.toUpperCase());
  if (!entries.length) throw new StaticRoutesEditError(`there is no PSK identity "${identity}"`);
  return entries.map(({ element }) => {
    const tls = element.parent!;
    // A <Tls> that only held this identity goes with it: an empty <Tls> would be a server entry of unknown meaning.
    const onlyChild = tls.children.length === 1 && /^\s*$/.test(tls.text);
    return removeElement(tree, onlyChild ? tls : element);
  });
}

function setSecureOnly(tree: XmlSourceTree, on: boolean): Splice[] {
  const remote = childNamed(tree.root, 'RemoteConnections');
  if (!remote)
    return on ? [insertChild(tree, tree.root, { name: 'RemoteConnections', attributes: [['SecureOnly', 'True']], children: [] })] : [];
  const attribute = attributeNamed(remote, 'SecureOnly');
  if (on) return isTrue(attribute?.value) ? [] : [setAttribute(tree, remote, attribute, 'SecureOnly', 'True')];
  return attribute ? [removeAttribute(attribute)] : [];
}

function setTls(tree: XmlSourceTree, edit: Extract<StaticRoutesEdit, { kind: 'set-tls' }>): Splice[] {
  for (const [label, value] of [
    ['CA', edit.ca],
    ['certificate', edit.cert],
    ['key', edit.key],
  ] as const) {
    if (!value.trim()) throw new StaticRoutesEditError(`the ${label} file path is empty`);
  }
  const server = childNamed(childNamed(tree.root, 'RemoteConnections'), 'Server');
  const tls = caEntry(server);
  const parts: Array<[string, string | undefined]> = [
    ['Ca', edit.ca],
    ['Cert', edit.cert],
    ['Key', edit.key],
    ['KeyPwd', edit.keyPassword],
  ];
  if (!tls) {
    const entry: NewElement = {
      name: 'Tls',
      attributes: edit.ignoreCn ? [['IgnoreCn', 'true']] : [],
      children: parts.filter(([, v]) => v !== undefined).map(([name, v]) => ({ name, text: v! })),
    };
    if (server) {
      const firstTls = childNamed(server, 'Tls');
      return [insertChild(tree, server, entry, firstTls ? { before: firstTls } : {})];
    }
    return ensurePath(tree, ['RemoteConnections', 'Server'], entry);
  }
  const splices: Splice[] = [];
  let previous: XmlElement | null = null;
  const additions: NewElement[] = [];
  for (const [name, value] of parts) {
    const element = childNamed(tls, name);
    if (value === undefined) {
      if (name === 'KeyPwd' && element) splices.push(removeElement(tree, element));
      continue;
    }
    if (element) {
      if (element.text !== value) splices.push(setElementText(tree, element, value));
      previous = element;
    } else if (previous) {
      splices.push(insertChild(tree, tls, { name, text: value }, { after: previous }));
    } else {
      additions.push({ name, text: value });
    }
  }
  for (const addition of additions) splices.push(insertChild(tree, tls, addition, tls.children[0] ? { before: tls.children[0] } : {}));
  const ignore = attributeNamed(tls, 'IgnoreCn');
  if (edit.ignoreCn && !isTrue(ignore?.value)) splices.push(setAttribute(tree, tls, ignore, 'IgnoreCn', 'true'));
  if (!edit.ignoreCn && ignore) splices.push(removeAttribute(ignore));
  return mergeAtSamePoint(splices);
}

/** Several insertions after the same element become one splice, in order. */
function mergeAtSamePoint(splices: Splice[]): Splice[] {
  const out: Splice[] = [];
  for (const splice of splices) {
    const same = out.find((s) => s.start === splice.start && s.end === splice.end && s.start === s.end);
    if (same) same.text += splice.text;
    else out.push({ ...splice });
  }
  return out;
}

function clearTls(tree: XmlSourceTree): Splice[] {
  const tls = caEntry(childNamed(childNamed(tree.root, 'RemoteConnections'), 'Server'));
  if (!tls) return [];
  const caParts = tls.children.filter((child) => ['ca', 'cert', 'key', 'keypwd'].includes(child.name.toLowerCase()));
  if (caParts.length === tls.children.length) return [removeElement(tree, tls)];
  const splices = caParts.map((child) => removeElement(tree, child));
  const ignore = attributeNamed(tls, 'IgnoreCn');
  if (ignore) splices.push(removeAttribute(ignore));
  return splices;
}

function addRoute(tree: XmlSourceTree, route: NewRoute): Splice[] {
  if (!route.name.trim() || !route.address.trim() || !/^\d{1,3}(\.\d{1,3}){5}$/.test(route.netId)) {
    throw new StaticRoutesEditError('a route needs a name, an address and a NetId like 5.36.69.176.1.1');
  }
  const remote = childNamed(tree.root, 'RemoteConnections');
  if (remote && childrenNamed(remote, 'Route').some((r) => (childNamed(r, 'Name')?.text.trim() ?? '') === route.name)) {
    throw new StaticRoutesEditError(`a route named "${route.name}" already exists`);
  }
  const children: NewElement[] = [
    { name: 'Name', text: route.name },
    { name: 'Address', text: route.address },
    { name: 'NetId', text: route.netId },
    { name: 'Type', text: 'TCP_IP' },
  ];
  if (route.flags !== undefined) children.push({ name: 'Flags', text: String(route.flags) });
  if (route.extra) children.push(...route.extra);
  else if (route.secure) children.push({ name: 'Tls' });
  const element: NewElement = { name: 'Route', attributes: route.unidirectional ? [['Unidirectional', 'true']] : [], children };
  if (!remote) return ensurePath(tree, ['RemoteConnections'], element);
  const routes = childrenNamed(remote, 'Route');
  const last = routes.at(-1);
  if (last) return [insertChild(tree, remote, element, { after: last })];
  const first = remote.children[0];
  return [insertChild(tree, remote, element, first ? { before: first } : {})];
}

function removeRoute(tree: XmlSourceTree, name: string): Splice[] {
  const remote = childNamed(tree.root, 'RemoteConnections');
  const matches = remote ? childrenNamed(remote, 'Route').filter((r) => (childNamed(r, 'Name')?.text.trim() ?? '') === name) : [];
  if (!matches.length) throw new StaticRoutesEditError(`there is no route named "${name}"`);
  return matches.map((route) => removeElement(tree, route));
}

/** Each route's source text by name, so a writer can tell whether its own entry changed. */
export function routeSources(text: string): Map<string, string> {
  const tree = parseStaticRoutes(text);
  const remote = childNamed(tree.root, 'RemoteConnections');
  return new Map(
    (remote ? childrenNamed(remote, 'Route') : []).map((r) => [childNamed(r, 'Name')?.text.trim() ?? '', text.slice(r.start, r.end)]),
  );
}

/** The XML a new route would get, for comparing with an existing entry (whitespace aside). */
export function renderRoute(route: NewRoute): string {
  return (
    applySplices(EMPTY_STATIC_ROUTES, addRoute(parseStaticRoutes(EMPTY_STATIC_ROUTES), route)).match(/<Route[\s\S]*<\/Route>/)?.[0] ?? ''
  );
}

function checkIdentity(identity: string): void {
  // ASCII only: .NET and JavaScript upper-case other letters differently, and the key is derived from the upper case.
  if (!/^[\x21-\x7e][\x20-\x7e]{0,127}$/.test(identity) || identity.trim() !== identity) {
    throw new StaticRoutesEditError('a PSK identity is 1-128 printable ASCII characters without leading or trailing spaces');
  }
}

/** The text with every secret (PSK Pwd/Key, KeyPwd) masked, for diffs and messages. */
export function redactSecrets(text: string): string {
  let tree: XmlSourceTree;
  try {
    tree = parseXmlSource(text);
  } catch {
    // Not parseable: mask anything that looks like a secret element by pattern instead.
    return text.replace(/(<(Pwd|KeyPwd|Key)\b[^>]*>)[^<]*(<\/\2\s*>)/gi, '$1•••$3');
  }
  const splices: Splice[] = [];
  const visit = (element: XmlElement) => {
    const name = element.name.toLowerCase();
    const secret = name === 'pwd' || name === 'keypwd' || (name === 'key' && element.parent?.name.toLowerCase() === 'psk');
    if (secret && !element.selfClosing) splices.push({ start: element.openEnd, end: element.closeStart, text: '•••' });
    else element.children.forEach(visit);
  };
  visit(tree.root);
  return applySplices(text, splices);
}
