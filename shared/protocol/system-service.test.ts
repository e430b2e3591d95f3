import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes';
import {
  decodeFileOpenOffset,
  decodeFingerprintText,
  decodeRouteRecord,
  encodeAddRouteRequest,
  encodeRemoveRouteRequest,
  encodeRouteRecord,
  fileOpenOffset,
  FileMode,
  flagUnusualRawBytes,
  FolderKind,
  relativePathSegments,
} from './system-service';

const route = { netId: '192.168.1.20.1.1', address: '192.168.1.20', name: 'ENG-PC' };

describe('route record (index group 803 / 801)', () => {
  it('lays out NetId, transport, the two lengths at 32/36 and the strings from 44', () => {
    const bytes = encodeRouteRecord(route);
    expect(toHex(bytes.subarray(0, 6))).toBe('c0a801140101');
    expect(bytes[6]).toBe(1);
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(32, true)).toBe(13);
    expect(view.getUint32(36, true)).toBe(7);
    expect(new TextDecoder().decode(bytes.subarray(44))).toBe('192.168.1.20\0ENG-PC\0');
    expect(encodeAddRouteRequest(route)).toEqual(bytes);
  });

  it('decodes a normal record and keeps the 38 unknown bytes as hex', () => {
    const record = decodeRouteRecord(encodeRouteRecord(route));
    expect(record).toEqual({ ...route, raw: toHex(encodeRouteRecord(route).subarray(6, 44)), notes: [] });
    expect(record.raw).toHaveLength(76);
  });

  it('reads the strings from 44 even when the length fields are wrong, and says so', () => {
    const bytes = encodeRouteRecord(route);
    new DataView(bytes.buffer).setUint32(32, 99, true);
    const record = decodeRouteRecord(bytes);
    expect(record).toMatchObject({ netId: route.netId, address: route.address, name: route.name });
    expect(record.notes).toEqual(['length fields say 99/7 bytes, the strings have 13/7']);
  });

  it('never throws on truncated or unterminated records', () => {
    expect(decodeRouteRecord(new Uint8Array(0))).toMatchObject({ netId: null, name: '', notes: [expect.stringContaining('0 bytes')] });
    expect(decodeRouteRecord(fromHex('0a0000010101'))).toMatchObject({
      netId: '10.0.0.1.1.1',
      raw: '',
      notes: [expect.stringContaining('6 bytes')],
    });
    const full = encodeRouteRecord(route);
    expect(decodeRouteRecord(full.subarray(0, full.length - 1))).toMatchObject({
      address: route.address,
      name: 'ENG-PC',
      notes: ['name is not NUL-terminated'],
    });
    expect(decodeRouteRecord(full.subarray(0, 50))).toMatchObject({
      address: '192.16',
      name: '',
      notes: ['address is not NUL-terminated', 'record has no route name'],
    });
  });

  it('flags the one record whose unknown bytes differ from the others, keeping every record', () => {
    const records = ['A', 'B', 'C'].map((name, i) => decodeRouteRecord(encodeRouteRecord({ ...route, name, netId: `10.0.0.${i}.1.1` })));
    const odd = encodeRouteRecord({ ...route, name: 'D' });
    odd[10] = 0x7f;
    const flagged = flagUnusualRawBytes([...records, decodeRouteRecord(odd)]);
    expect(flagged.map((r) => r.name)).toEqual(['A', 'B', 'C', 'D']);
    expect(flagged.map((r) => r.notes.length)).toEqual([0, 0, 0, 1]);
    expect(flagged[3]!.notes[0]).toMatch(/unknown bytes differ/);
  });

  it('does not call records odd because their names (and so their length fields) differ', () => {
    const records = ['A', 'LONGER-NAME', 'C'].map((name) => decodeRouteRecord(encodeRouteRecord({ ...route, name })));
    expect(flagUnusualRawBytes(records).every((r) => r.notes.length === 0)).toBe(true);
  });

  it('encodes a remove request as name + NUL, case kept', () => {
    expect(toHex(encodeRemoveRouteRequest('Eng-Pc'))).toBe('456e672d506300');
  });
});

describe('file access helpers', () => {
  it('puts the folder kind in the high word of the open offset', () => {
    expect(fileOpenOffset(FileMode.Read | FileMode.Binary, FolderKind.Target)).toBe(0x50011);
    expect(decodeFileOpenOffset(0x50012)).toEqual({ mode: 18, folderKind: 5 });
  });

  it('accepts relative paths with either separator and refuses absolute or escaping ones', () => {
    expect(relativePathSegments('StaticRoutes.xml')).toEqual(['StaticRoutes.xml']);
    expect(relativePathSegments('CACerts\\rootCA.pem')).toEqual(['CACerts', 'rootCA.pem']);
    for (const bad of ['', '/etc/passwd', '\\Windows', 'C:\\TwinCAT', '../x', 'a/../../b', '.']) {
      expect(() => relativePathSegments(bad), bad).toThrow();
    }
  });
});

describe('fingerprint text (700/9)', () => {
  it('takes 64 hex digits up to the NUL and refuses anything else', () => {
    const hex = 'AB'.repeat(32);
    expect(decodeFingerprintText(new TextEncoder().encode(`${hex}\0garbage`))).toBe(hex.toLowerCase());
    expect(decodeFingerprintText(new TextEncoder().encode('not a fingerprint\0'))).toBeNull();
  });
});
