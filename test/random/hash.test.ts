import { describe, expect, it } from 'vitest';
import { hashString, mix32 } from '../../src/random/hash.js';

/** Murmur3's fmix32 in exact integer arithmetic (BigInt), written independently of mix32's Math.imul. */
function fmix32(value: number): number {
  const mask = 0xffffffffn;
  let h = BigInt(value >>> 0);
  h ^= h >> 16n;
  h = (h * 0x85ebca6bn) & mask;
  h ^= h >> 13n;
  h = (h * 0xc2b2ae35n) & mask;
  h ^= h >> 16n;
  return Number(h);
}

describe('hashString is 32-bit FNV-1a', () => {
  it('gives the published known answers', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
    expect(hashString('foobar')).toBe(0xbf9cf968);
  });

  it('is FNV-1a over the UTF-16 code units, by its definition (xor the unit, times 16777619 mod 2^32)', () => {
    for (const text of ['inflow.regular', 'lane:Dublin/appeal', 'é€', 'x'.repeat(300)]) {
      let h = 0x811c9dc5n;
      for (let i = 0; i < text.length; i++) h = ((h ^ BigInt(text.charCodeAt(i))) * 0x01000193n) & 0xffffffffn;
      expect(hashString(text)).toBe(Number(h));
    }
  });
});

describe("mix32 is murmur3's fmix32", () => {
  it('equals the finaliser in exact integer arithmetic, for negative and fractional-free inputs alike', () => {
    expect(mix32(0)).toBe(0);
    for (const value of [1, 2, 0x9e3779b9, 0xffffffff, -1, -123_456_789, 2024, 0x7f4a7c15, 2 ** 31]) {
      expect(mix32(value)).toBe(fmix32(value));
    }
  });
});
