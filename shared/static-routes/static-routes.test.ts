import { describe, expect, it } from 'vitest';
import { CRLF_TABS_SAMPLE, FULL_SAMPLE, MINIMAL_SAMPLE } from './testing/samples';
import {
  EMPTY_STATIC_ROUTES,
  editStaticRoutes,
  readPskSecrets,
  readStaticRoutes,
  redactSecrets,
  type StaticRoutesEdit,
} from './static-routes';
import { decodeXmlBytes, encodeXmlText } from './xml-bytes';
import { lineDiff } from './line-diff';

/** Everything outside the lines an edit touched must be the original text. */
function expectOnlyChanged(before: string, after: string, added: string[], removed: string[] = []) {
  const diff = lineDiff(before, after, 0).filter((l) => l.op !== ' ');
  expect(diff.filter((l) => l.op === '+').map((l) => l.text.trim())).toEqual(added);
  expect(diff.filter((l) => l.op === '-').map((l) => l.text.trim())).toEqual(removed);
}

describe('reading StaticRoutes.xml', () => {
  it('shows SecureOnly, PSK names, CA files and routes, and no secret', () => {
    const model = readStaticRoutes(FULL_SAMPLE);
    expect(model.secureOnly).toBe(false);
    expect(model.psk).toEqual([{ identity: 'MY_IDENTITY' }, { identity: 'MAINT_ANNA' }]);
    expect(model.tls).toEqual({
      ca: 'C:\\TwinCAT\\3.1\\Target\\CACerts\\rootCA.pem',
      cert: 'C:\\TwinCAT\\3.1\\Target\\CACerts\\ipc.crt',
      key: 'C:\\TwinCAT\\3.1\\Target\\CACerts\\ipc.key',
      ignoreCn: true,
      keyPassword: true,
    });
    expect(model.routes.map((r) => [r.name, r.address, r.netId, r.flags, r.unidirectional, r.secure, r.subRoutes])).toEqual([
      ['ENG-LAPTOP', '192.168.10.20', '192.168.10.20.1.1', '32', false, false, 0],
      ['CX-123456', 'CX-123456', '5.36.69.176.1.1', '128', true, true, 1],
    ]);
    expect(JSON.stringify(model)).not.toMatch(/MySecret|k3y-pa55|a<b/);
  });

  it('reads PSK secrets (for the virtual target) with CDATA decoded', () => {
    expect(readPskSecrets(FULL_SAMPLE)).toEqual([
      { identity: 'MY_IDENTITY', secret: 'MySecret' },
      { identity: 'MAINT_ANNA', secret: 'a<b&c' },
    ]);
  });

  it('accepts lower-case element names as in some Beckhoff samples', () => {
    const model = readStaticRoutes(
      '<TcConfig><RemoteConnections secureonly="true"><server><tls><psk><identity>A</identity><pwd>x</pwd></psk></tls></server></RemoteConnections></TcConfig>',
    );
    expect(model.secureOnly).toBe(true);
    expect(model.psk).toEqual([{ identity: 'A' }]);
  });

  it('refuses text that is not well-formed or not a TcConfig, with a typed error', () => {
    expect(() => readStaticRoutes('<TcConfig><RemoteConnections></TcConfig>')).toThrow(
      expect.objectContaining({ code: 'static-routes-xml' }),
    );
    expect(() => readStaticRoutes('<Other/>')).toThrow(/not <TcConfig>/);
    expect(() => readStaticRoutes('')).toThrow(expect.objectContaining({ code: 'static-routes-xml' }));
  });
});

describe('lossless round trip', () => {
  const encodings = [
    ['UTF-8', (t: string) => new TextEncoder().encode(t)],
    ['UTF-8 with BOM', (t: string) => encodeXmlText({ text: t, encoding: 'utf-8', bom: true })],
    [
      'UTF-16LE with BOM',
      (t: string) => encodeXmlText({ text: t.replace('encoding="UTF-8"', 'encoding="UTF-16"'), encoding: 'utf-16le', bom: true }),
    ],
  ] as const;
  for (const [label, encode] of encodings) {
    it(`an unchanged ${label} file comes back byte for byte`, () => {
      for (const sample of [FULL_SAMPLE, CRLF_TABS_SAMPLE, MINIMAL_SAMPLE]) {
        const bytes = encode(sample);
        const decoded = decodeXmlBytes(bytes);
        const again = encodeXmlText({ ...decoded, text: editStaticRoutes(decoded.text, []) });
        expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
      }
    });
  }

  it('a Latin-1 file keeps its encoding and refuses characters it cannot hold', () => {
    const text =
      '<?xml version="1.0" encoding="ISO-8859-1"?><TcConfig><RemoteConnections><Route><Name>Straße</Name></Route></RemoteConnections></TcConfig>';
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    const decoded = decodeXmlBytes(bytes);
    expect(decoded.encoding).toBe('latin1');
    expect(readStaticRoutes(decoded.text).routes[0]?.name).toBe('Straße');
    expect(Buffer.from(encodeXmlText(decoded)).equals(Buffer.from(bytes))).toBe(true);
    expect(() => encodeXmlText({ ...decoded, text: decoded.text.replace('Straße', 'Straße ☺') })).toThrow(/Latin-1/);
  });

  it('bytes that are not UTF-8 are refused instead of being rewritten', () => {
    expect(() => decodeXmlBytes(Uint8Array.from([0x3c, 0x61, 0xff, 0x3e]))).toThrow(/not valid UTF-8/);
  });

  it('a change and its reverse give the original bytes back', () => {
    const edits: Array<[StaticRoutesEdit, StaticRoutesEdit]> = [
      [
        { kind: 'add-psk', identity: 'NEW_ONE', secret: 's3cret' },
        { kind: 'remove-psk', identity: 'NEW_ONE' },
      ],
      [
        { kind: 'set-secure-only', on: true },
        { kind: 'set-secure-only', on: false },
      ],
      [
        { kind: 'add-route', route: { name: 'R2', address: '10.1.1.1', netId: '10.1.1.1.1.1', flags: 32 } },
        { kind: 'remove-route', name: 'R2' },
      ],
    ];
    for (const [forward, back] of edits) {
      expect(editStaticRoutes(editStaticRoutes(FULL_SAMPLE, [forward]), [back])).toBe(FULL_SAMPLE);
    }
  });
});

describe('edits keep everything they do not touch', () => {
  it('adds a PSK identity next to the others, in their inline layout', () => {
    const after = editStaticRoutes(FULL_SAMPLE, [{ kind: 'add-psk', identity: 'MAINT_BOB', secret: 'b0b&<x>' }]);
    expectOnlyChanged(FULL_SAMPLE, after, ['<Psk><Identity>MAINT_BOB</Identity><Pwd>b0b&amp;&lt;x&gt;</Pwd></Psk>']);
    expect(readPskSecrets(after).at(-1)).toEqual({ identity: 'MAINT_BOB', secret: 'b0b&<x>' });
  });

  it('refuses a duplicate identity regardless of case, and a non-ASCII one', () => {
    expect(() => editStaticRoutes(FULL_SAMPLE, [{ kind: 'add-psk', identity: 'my_identity', secret: 'x' }])).toThrow(/already exists/);
    expect(() => editStaticRoutes(FULL_SAMPLE, [{ kind: 'add-psk', identity: 'Jürgen', secret: 'x' }])).toThrow(/ASCII/);
  });

  it('creates the Server section where there is none, indented with the file’s tabs and CRLF', () => {
    const after = editStaticRoutes(CRLF_TABS_SAMPLE, [{ kind: 'add-psk', identity: 'A', secret: 'B' }]);
    expect(after).toContain('\t\t</Route>\r\n\t\t<Server>\r\n\t\t\t<Tls>\r\n\t\t\t\t<Psk>\r\n\t\t\t\t\t<Identity>A</Identity>\r\n');
    expect(after.replace(/\r\n/g, '')).not.toContain('\n');
    expect(readStaticRoutes(after).psk).toEqual([{ identity: 'A' }]);
  });

  it('adds to a self-closing RemoteConnections', () => {
    const after = editStaticRoutes(MINIMAL_SAMPLE, [
      { kind: 'add-psk', identity: 'A', secret: 'B' },
      { kind: 'set-secure-only', on: true },
    ]);
    expect(readStaticRoutes(after)).toMatchObject({ secureOnly: true, psk: [{ identity: 'A' }] });
    expect(after.startsWith('<TcConfig><RemoteConnections SecureOnly="True">')).toBe(true);
  });

  it('removes one identity and only its line', () => {
    const after = editStaticRoutes(FULL_SAMPLE, [{ kind: 'remove-psk', identity: 'my_identity' }]);
    expectOnlyChanged(FULL_SAMPLE, after, [], ['<Psk><Identity>MY_IDENTITY</Identity><Pwd>MySecret</Pwd></Psk>']);
    expect(() => editStaticRoutes(FULL_SAMPLE, [{ kind: 'remove-psk', identity: 'NOBODY' }])).toThrow(/no PSK identity "NOBODY"/);
  });

  it('removing the last identity removes its now empty Tls entry', () => {
    const one = editStaticRoutes(MINIMAL_SAMPLE, [{ kind: 'add-psk', identity: 'A', secret: 'B' }]);
    const none = editStaticRoutes(one, [{ kind: 'remove-psk', identity: 'A' }]);
    expect(none).not.toMatch(/<Tls|<Psk/);
    expect(readStaticRoutes(none).psk).toEqual([]);
  });

  it('toggles SecureOnly in place, keeping the attribute’s quotes', () => {
    const on = editStaticRoutes(CRLF_TABS_SAMPLE, [{ kind: 'set-secure-only', on: true }]);
    expectOnlyChanged(CRLF_TABS_SAMPLE, on, ['<RemoteConnections SecureOnly="True">'], ['<RemoteConnections SecureOnly="False">']);
    const off = editStaticRoutes(FULL_SAMPLE, [
      { kind: 'set-secure-only', on: true },
      { kind: 'set-secure-only', on: false },
    ]);
    expect(off).toBe(FULL_SAMPLE);
    expect(editStaticRoutes(on, [{ kind: 'set-secure-only', on: true }])).toBe(on);
  });

  it('sets CA files in place, drops a key password that is no longer given, and clears them', () => {
    const set = editStaticRoutes(FULL_SAMPLE, [
      { kind: 'set-tls', ca: 'CACerts/new-ca.pem', cert: 'CACerts/ipc.crt', key: 'CACerts/ipc.key', ignoreCn: false },
    ]);
    expect(readStaticRoutes(set).tls).toEqual({
      ca: 'CACerts/new-ca.pem',
      cert: 'CACerts/ipc.crt',
      key: 'CACerts/ipc.key',
      ignoreCn: false,
      keyPassword: false,
    });
    // IgnoreCn, Ca, Cert and Key change in place; KeyPwd goes.
    expect(
      lineDiff(FULL_SAMPLE, set, 0)
        .filter((l) => l.op === '-')
        .map((l) => l.text.trim().slice(0, 8)),
    ).toEqual(['<Tls Ign', '<Ca>C:\\T', '<Cert>C:', '<Key>C:\\', '<KeyPwd>']);
    const cleared = editStaticRoutes(FULL_SAMPLE, [{ kind: 'clear-tls' }]);
    expect(readStaticRoutes(cleared).tls).toBeNull();
    expect(readStaticRoutes(cleared).psk).toHaveLength(2);
    expectOnlyChanged(
      FULL_SAMPLE,
      cleared,
      [],
      [
        '<Tls IgnoreCn="true">',
        '<Ca>C:\\TwinCAT\\3.1\\Target\\CACerts\\rootCA.pem</Ca>',
        '<Cert>C:\\TwinCAT\\3.1\\Target\\CACerts\\ipc.crt</Cert>',
        '<Key>C:\\TwinCAT\\3.1\\Target\\CACerts\\ipc.key</Key>',
        '<KeyPwd>k3y-pa55</KeyPwd>',
        '</Tls>',
      ],
    );
  });

  it('adds a CA entry where there is none, before the PSK entry', () => {
    const withPsk = editStaticRoutes(CRLF_TABS_SAMPLE, [{ kind: 'add-psk', identity: 'A', secret: 'B' }]);
    const after = editStaticRoutes(withPsk, [
      { kind: 'set-tls', ca: 'a.pem', cert: 'b.crt', key: 'c.key', keyPassword: 'pw', ignoreCn: true },
    ]);
    expect(readStaticRoutes(after).tls).toEqual({ ca: 'a.pem', cert: 'b.crt', key: 'c.key', ignoreCn: true, keyPassword: true });
    expect(after.indexOf('<Ca>')).toBeLessThan(after.indexOf('<Psk>'));
  });

  it('adds a plain route exactly as TwinCAT writes one, after the last route', () => {
    const after = editStaticRoutes(FULL_SAMPLE, [
      { kind: 'add-route', route: { name: 'PC-99', address: '192.168.10.99', netId: '192.168.10.99.1.1', flags: 32 } },
    ]);
    expect(after).toContain(
      '      </SubRoutes>\n    </Route>\n    <Route>\n      <Name>PC-99</Name>\n      <Address>192.168.10.99</Address>\n      <NetId>192.168.10.99.1.1</NetId>\n      <Type>TCP_IP</Type>\n      <Flags>32</Flags>\n    </Route>\n    <Mqtt>',
    );
    expect(() => editStaticRoutes(after, [{ kind: 'add-route', route: { name: 'PC-99', address: 'x', netId: '1.2.3.4.1.1' } }])).toThrow(
      /already exists/,
    );
    expect(() => editStaticRoutes(after, [{ kind: 'add-route', route: { name: 'X', address: 'x', netId: 'nope' } }])).toThrow(/NetId/);
  });

  it('redacts every secret for diffs and messages', () => {
    const redacted = redactSecrets(FULL_SAMPLE);
    expect(redacted).not.toMatch(/MySecret|k3y-pa55|CDATA/);
    expect(redacted).toContain('<Pwd>•••</Pwd>');
    expect(redactSecrets('<a><Pwd>open')).toBe('<a><Pwd>open');
    expect(EMPTY_STATIC_ROUTES).toContain('<RemoteConnections>');
  });
});

describe('line diff', () => {
  it('shows what changed with context', () => {
    expect(lineDiff('a\nb\nc\nd\ne\nf\ng', 'a\nb\nc\nX\ne\nf\ng', 1)).toEqual([
      { op: ' ', text: '…' },
      { op: ' ', text: 'c' },
      { op: '-', text: 'd' },
      { op: '+', text: 'X' },
      { op: ' ', text: 'e' },
      { op: ' ', text: '…' },
    ]);
  });
});
