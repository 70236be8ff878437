// Proves the small LRU that stands in for mnemonist's in Lambda bundles keeps what the SDK's endpoint cache relies on.
import { describe, expect, it } from 'vitest';
import LRUCache from '../../infra/build/lru-cache';

describe('the bundled LRU cache', () => {
  it('forgets the least recently used entry beyond its capacity; get refreshes an entry, peek does not', () => {
    const cache = new LRUCache<string, number>(2);
    cache.set('a', 1).set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.has('b')).toBe(false);
    expect([cache.peek('a'), cache.peek('c')]).toEqual([1, 3]);
    cache.set('d', 4); // peek did not refresh: a was used before c
    expect(cache.has('a')).toBe(false);
    expect(cache.has('c')).toBe(true);
    expect(cache.size).toBe(2);
    cache.set('c', 30);
    expect(cache.get('c')).toBe(30);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.get('c')).toBeUndefined();
  });
});
