import { resources } from '../i18n/resources';

/**
 * Finds English left in a view rendered in German: text from the English catalogue that German words differently,
 * and common English words that no catalogue put there (hard-coded text, MUI's built-in English, untranslated
 * service messages).
 */

type Tree = { readonly [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]): Array<[string, string]> =>
    typeof value === 'string' ? [[prefix + key, value]] : leaves(value, `${prefix}${key}.`),
  );
}

/**
 * Terms German keeps as they are: protocol, product and file-format names, and TwinCAT XAE field names that German
 * TwinCAT shows in English too. Removed from the text before the English words are looked for.
 */
export const TECHNICAL_TERMS: readonly string[] = [
  'ADS Route Studio',
  'Secure ADS',
  'Pre-Shared Key',
  'AMS NetId',
  'AmsNetId',
  'NetId',
  'TwinCAT/BSD',
  'TwinCAT',
  'Windows',
  'StaticRoutes.xml',
  'TlsConnectInfo',
  'ADS',
  'AMS',
  'PSK',
  'TLS',
  'TCP_IP',
  'TCP',
  'UDP',
  'IPv4',
  'CSV',
  'JSON',
  'PEM',
  'DER',
  'CA',
  'CN',
  'OK',
  'SHA-256',
  'DHCP',
  'DNS',
  'NAT',
];

/**
 * Common English words (lower case) that German UI text does not use. A word a German catalogue uses after all is
 * dropped at run time (see `englishWords`), so a German loan word never fails the test.
 */
const COMMON_ENGLISH = [
  'the',
  'and',
  'or',
  'of',
  'to',
  'for',
  'with',
  'from',
  'by',
  'on',
  'off',
  'at',
  'is',
  'are',
  'was',
  'be',
  'been',
  'not',
  'no',
  'yes',
  'this',
  'that',
  'these',
  'your',
  'you',
  'it',
  'its',
  'has',
  'have',
  'can',
  'cannot',
  'could',
  'should',
  'must',
  'will',
  'here',
  'there',
  'which',
  'when',
  'what',
  'who',
  'why',
  'how',
  'all',
  'any',
  'each',
  'every',
  'one',
  'new',
  'first',
  'yet',
  'still',
  'only',
  'again',
  'now',
  'also',
  'than',
  'more',
  'less',
  'none',
  'add',
  'added',
  'remove',
  'removed',
  'delete',
  'cancel',
  'cancelled',
  'close',
  'open',
  'save',
  'saved',
  'retry',
  'back',
  'next',
  'show',
  'hide',
  'copy',
  'copied',
  'search',
  'searching',
  'select',
  'selected',
  'choose',
  'enter',
  'clear',
  'refresh',
  'loading',
  'waiting',
  'done',
  'failed',
  'failure',
  'error',
  'errors',
  'warning',
  'success',
  'created',
  'verified',
  'unverified',
  'found',
  'unknown',
  'invalid',
  'valid',
  'expired',
  'expires',
  'days',
  'day',
  'routes',
  'target',
  'targets',
  'system',
  'systems',
  'settings',
  'certificate',
  'certificates',
  'fingerprint',
  'password',
  'user',
  'login',
  'connection',
  'connect',
  'address',
  'adapter',
  'adapters',
  'server',
  'key',
  'keys',
  'file',
  'folder',
  'path',
  'rows',
  'page',
  'per',
  'level',
  'source',
  'message',
  'time',
  'date',
  'help',
  'shortcuts',
  'keyboard',
  'filter',
  'sort',
  'ascending',
  'descending',
  'hours',
  'minutes',
  'seconds',
  'answered',
  'sent',
  'received',
  'request',
  'requests',
  'reply',
  'local',
  'remote',
  'name',
  'type',
  'from',
];

export interface Leftover {
  /** The text as the user meets it (text of an element, or an attribute as `aria-label="…"`). */
  text: string;
  /** What in it is English: the catalogue text or the word. */
  english: string;
  kind: 'catalogue' | 'word';
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const BOUNDED = (body: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, 'u');

/** File paths and names are data (a TwinCAT folder is called "Target", the route list routes.json, in every language). */
const PATH = /(?:[A-Za-z]:)?[\\/]?(?:[\w.~-]+[\\/])+[\w.~-]*|[\w-]+\.(?:json|xml|pem|der|crt|cer|key|csv|log)\b/g;

function withoutTerms(text: string): string {
  return TECHNICAL_TERMS.reduce((rest, term) => rest.replace(BOUNDED_GLOBAL(term), ' '), text.replace(PATH, ' '));
}
const BOUNDED_GLOBAL = (term: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(term)}(?![\\p{L}\\p{N}])`, 'gu');

/** Words, a hyphenated compound as one ("TwinCAT-Target-Ordner" is German). */
const WORDS = /\p{L}+(?:-\p{L}+)*/gu;

const germanTexts = leaves(resources.de).map(([, text]) => text);
const germanWords = new Set(
  germanTexts.flatMap(
    (text) =>
      withoutTerms(text.replace(/\{\{[^}]*\}\}|<\/?\w+\s*\/?>/g, ' '))
        .toLowerCase()
        .match(WORDS) ?? [],
  ),
);

/** The common English words that no German catalogue text uses. */
export const englishWords: ReadonlySet<string> = new Set(COMMON_ENGLISH.filter((word) => !germanWords.has(word)));

export interface EnglishPhrase {
  key: string;
  english: string;
  pattern: RegExp;
}

/**
 * Every English catalogue text German words differently, as a pattern with its placeholders as wildcards. Texts
 * that are only technical terms, or that German uses itself somewhere, cannot tell the languages apart and are left
 * out.
 */
export function englishPhrases(): EnglishPhrase[] {
  const german = new Map(leaves(resources.de));
  return leaves(resources.en)
    .flatMap(([key, english]) => {
      if (german.get(key) === english) return [];
      const literals = english.split(/\{\{[^}]*\}\}|<\/?\d+>|<\/?\w+\s*\/?>/);
      // A text that is mostly placeholders ("{{from}} to {{to}}") is too short to tell English from a name.
      const letters = (withoutTerms(literals.join(' ')).match(/\p{L}/gu) ?? []).length;
      if (letters < (literals.length > 1 ? 4 : 2)) return [];
      const body = literals.map((literal) => escapeRegExp(literal)).join('[\\s\\S]*?');
      const pattern = BOUNDED(body);
      if (germanTexts.some((text) => pattern.test(text))) return [];
      return [{ key, english, pattern }];
    })
    .sort((a, b) => b.english.length - a.english.length); // the longest match names the leftover best
}

/** Text a user meets: text nodes, an element's whole text where markup splits a sentence, and the labelling attributes. */
const ATTRIBUTES = ['aria-label', 'title', 'placeholder', 'alt', 'aria-valuetext', 'aria-roledescription', 'aria-description'];

function isEnglishContent(element: Element): boolean {
  // Content that is English on purpose (the services' own wording, a language's own name) says so with lang.
  return element.closest('[lang]:not(html)')?.getAttribute('lang')?.startsWith('en') ?? false;
}

function textOutsideEnglish(node: Node): string {
  if (node.nodeType === node.TEXT_NODE) return node.textContent ?? '';
  if (node.nodeType !== node.ELEMENT_NODE || (node as Element).getAttribute('lang')?.startsWith('en')) return ' ';
  return Array.from(node.childNodes, textOutsideEnglish).join('');
}

export function visibleTexts(root: Element): string[] {
  const texts: string[] = [];
  const document = root.ownerDocument;
  if (document.title) texts.push(document.title);
  for (const element of [root, ...Array.from(root.querySelectorAll('*'))]) {
    // Code to copy (StaticRoutes.xml entries, command lines) is not UI text.
    if (element.closest('script, style, svg title, pre, code') || isEnglishContent(element)) continue;
    for (const attribute of ATTRIBUTES) {
      const value = element.getAttribute(attribute);
      if (value?.trim()) texts.push(`${attribute}="${value.trim()}"`);
    }
    const ownText = Array.from(element.childNodes)
      .filter((node) => node.nodeType === node.TEXT_NODE)
      .map((node) => node.textContent ?? '')
      .join(' ')
      .trim();
    if (!ownText) continue;
    texts.push(ownText);
    // A sentence with markup inside (<strong>name</strong>) is only whole in the element's full text.
    if (element.children.length > 0) texts.push(textOutsideEnglish(element).replace(/\s+/g, ' ').trim());
  }
  return [...new Set(texts)];
}

const phrases = englishPhrases();

/** The English in `texts`: catalogue texts first, then common English words that are not part of a technical term. */
export function findEnglish(texts: readonly string[]): Leftover[] {
  const found: Leftover[] = [];
  for (const text of texts) {
    const phrase = phrases.find(({ pattern }) => pattern.test(text.replace(PATH, ' ')));
    if (phrase) {
      found.push({ text, english: phrase.english, kind: 'catalogue' });
      continue;
    }
    const words = withoutTerms(text).match(WORDS) ?? [];
    const word = words.find((candidate) => englishWords.has(candidate.toLowerCase()));
    if (word) found.push({ text, english: word, kind: 'word' });
  }
  return found;
}

/** Every piece of English in the document's body (dialogs render into it too), one line each, for a readable failure. */
export function englishLeftIn(root: Element): string[] {
  return findEnglish(visibleTexts(root)).map(
    ({ text, english, kind }) => `${kind === 'catalogue' ? 'catalogue' : 'word'} "${english}" in: ${text}`,
  );
}
