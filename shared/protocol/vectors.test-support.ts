/* eslint-disable no-restricted-imports -- test-only helper: reads the shared capture files from disk with node:fs. */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fromHex } from './bytes';

/** The real captures live beside the repo (../shared/vectors), resolved from where vitest runs. */
export const VECTOR_DIR = resolve(process.cwd(), '../shared/vectors/udp-48899');

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
