import { expect } from 'vitest';
import { resources } from '../i18n/resources';
import { englishLeftIn } from './english-leftovers';

type Tree = { readonly [key: string]: string | Tree };

function textAt(tree: Tree, path: string): string {
  const value = path.split('.').reduce<string | Tree | undefined>((node, key) => (typeof node === 'object' ? node[key] : undefined), tree);
  if (typeof value !== 'string') throw new Error(`no catalogue text at ${path}`);
  return value;
}

const asPattern = (text: string) =>
  text
    .split(/\{\{[^}]*\}\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');

/**
 * The accessible name of a control in German OR English ("namespace:key.path"), placeholders as wildcards: the sweep
 * finds a control whose text is still English and reports that text, instead of stopping at the first one.
 */
export function named(key: string, extra?: string): RegExp {
  const [namespace, path] = key.split(':') as [string, string];
  const en = textAt(resources.en, `${namespace}.${path}`);
  const de = textAt(resources.de, `${namespace}.${path}`);
  return new RegExp(`^(?:${asPattern(de)}|${asPattern(en)}${extra ? `|${extra}` : ''})(?:\\s*\\*)?$`);
}

/** Collects the English left in every state a test visits, so one failure lists all of it. */
export class GermanSweep {
  private readonly found: string[] = [];

  /** Looks at everything now on screen (pages and open dialogs) and notes its English under `state`. */
  check(state: string): void {
    for (const line of englishLeftIn(document.body)) this.found.push(`${state}: ${line}`);
  }

  expectNone(): void {
    expect([...new Set(this.found)]).toEqual([]);
  }
}
