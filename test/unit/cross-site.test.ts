// Proves the HTML form refuses a post another site makes from its visitors' browsers, and only that.
import { describe, expect, it } from 'vitest';
import { crossSite } from '../../shared/http/cross-site';

describe('crossSite', () => {
  it.each([
    [{ host: 'form.example', secFetchSite: 'same-origin' }, false],
    [{ host: 'form.example', secFetchSite: 'none' }, false],
    [{ host: 'form.example', secFetchSite: 'cross-site', origin: 'https://form.example' }, true],
    [{ host: 'form.example', secFetchSite: 'same-site' }, true],
    // Sec-Fetch-Site decides when present, whatever the Origin says.
    [{ host: 'form.example', secFetchSite: 'Same-Origin', origin: 'null' }, false],
    [{ host: 'form.example', origin: 'https://elsewhere.example' }, true],
    [{ host: 'form.example', origin: 'https://form.example' }, false],
    // The page asks for no referrer, so a browser posting it sends Origin: null.
    [{ host: 'form.example', origin: 'null' }, false],
    [{ host: 'form.example', origin: 'not a url' }, true],
    [{ host: 'form.example' }, false],
  ])('%o is cross-site: %s', (from, expected) => {
    expect(crossSite(from)).toBe(expected);
  });
});
