// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { englishLeftIn, englishPhrases, englishWords, findEnglish } from './english-leftovers';

function page(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

describe('the English finder of the German sweep', () => {
  it('finds catalogue text German words differently, also with its placeholders filled in, and in attributes', () => {
    expect(findEnglish(['Retry failed'])).toEqual([{ text: 'Retry failed', english: 'Retry failed', kind: 'catalogue' }]);
    expect(findEnglish(['Add Route to CX-123'])[0]?.english).toBe('Add Route to {{name}}');
    expect(englishLeftIn(page('<button aria-label="Copy fingerprint of CX-1"></button>'))).toEqual([
      'catalogue "Copy fingerprint of {{name}}" in: aria-label="Copy fingerprint of CX-1"',
    ]);
    expect(englishLeftIn(page('<input placeholder="Name, address, NetId, OS">'))).toHaveLength(1);
  });

  it('finds English that no catalogue holds, by its common words', () => {
    expect(findEnglish(['Could not reach the host'])).toEqual([{ text: 'Could not reach the host', english: 'Could', kind: 'word' }]);
    expect(findEnglish(['search failed'])[0]?.kind).toBe('word');
  });

  it('finds a sentence that markup splits, from the element’s whole text', () => {
    expect(englishLeftIn(page('<p>Route to <strong>CX-1</strong> failed</p>'))).toContain(
      'catalogue "Route to {{name}} failed" in: Route to CX-1 failed',
    );
  });

  it('lets German, technical terms, data and text marked as English pass', () => {
    expect(findEnglish(['Route hinzufügen zu CX-123', 'Secure ADS, PSK', 'AMS NetId', 'OK', 'TwinCAT/BSD 14.0'])).toEqual([]);
    expect(findEnglish(['C:\\TwinCAT\\3.1\\Target\\Certificates', '/home/eng/routes.json'])).toEqual([]);
    expect(englishLeftIn(page('<p>Details: <span lang="en">no answer within 5000 ms</span></p><li lang="en">English</li>'))).toEqual([]);
    expect(englishLeftIn(page('<pre>read -rs ADS_PASSWORD  # the login of the target</pre>'))).toEqual([]);
  });

  it('keeps the words that matter armed: no German text uses them', () => {
    const armed = ['the', 'and', 'failed', 'search', 'target', 'routes', 'cancel', 'close', 'retry', 'add', 'remove'];
    expect(armed.filter((word) => !englishWords.has(word))).toEqual([]);
    expect(englishPhrases().length).toBeGreaterThan(300);
  });
});
