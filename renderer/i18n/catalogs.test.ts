import { describe, expect, it } from 'vitest';
import { resources } from './resources';

type Tree = { readonly [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}|<(\d+|\w+)>/g)].map((m) => m[1] ?? m[2]).sort();

describe('the catalogues', () => {
  const english = leaves(resources.en);
  const german = leaves(resources.de);

  it('have the same keys in German as in English', () => {
    expect([...german.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('use the same placeholders in both languages, so no value is dropped or invented in translation', () => {
    const mismatched = [...english].filter(([key, text]) => placeholders(text).join() !== placeholders(german.get(key) ?? '').join());
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it('have no empty text', () => {
    const empty = [...english, ...german].filter(([, text]) => text.trim() === '');
    expect(empty).toEqual([]);
  });
});
