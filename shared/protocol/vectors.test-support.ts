/* eslint-disable no-restricted-imports -- test-only helper: reads the shared capture files from disk with node:fs. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromHex } from './bytes';

/** Real TwinCAT captures and public clients' requests, kept in the repository so a fresh clone tests the same bytes. */
export const VECTOR_DIR = fileURLToPath(new URL('./testing/vectors/udp-48899', import.meta.url));

export interface HexVector {
  id: string;
  origin: string;
  bytes: Uint8Array;
}

export function loadVectors(): HexVector[] {
  return readFileSync(join(VECTOR_DIR, 'vectors.txt'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [id = '', origin = '', hex = ''] = line.split(' | ');
      return { id: id.trim(), origin: origin.trim(), bytes: fromHex(hex.trim()) };
    });
}

export function vector(id: string): Uint8Array {
  const found = loadVectors().find((v) => v.id === id);
  if (!found) throw new Error(`no vector ${id}`);
  return found.bytes;
}

export function loadCaptures(): Array<{ name: string; bytes: Uint8Array }> {
  return readdirSync(VECTOR_DIR)
    .filter((name) => name.endsWith('.pcapng'))
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(VECTOR_DIR, name))) }));
}
