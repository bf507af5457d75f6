import { describe, expect, it } from 'vitest';
import { logFactorial } from '../../src/random/log-factorial.js';

/** ln(k!) for k = 0..max as compensated (Kahan) sums of Math.log(i): good to a few units in the last place. */
function kahanLogFactorials(max: number): Float64Array {
  const out = new Float64Array(max + 1);
  let sum = 0;
  let carry = 0;
  for (let i = 2; i <= max; i++) {
    const y = Math.log(i) - carry;
    const t = sum + y;
    carry = t - sum - y;
    sum = t;
    out[i] = sum;
  }
  return out;
}

describe('logFactorial', () => {
  const exact = kahanLogFactorials(20_000);

  it('is ln(k!) to 1e-14 relative for k = 2..255 (the table) and exactly 0 for 0 and 1', () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(1)).toBe(0);
    expect(logFactorial(3)).toBeCloseTo(Math.log(6), 15);
    for (let k = 2; k < 256; k++) expect(Math.abs(logFactorial(k) - exact[k]!)).toBeLessThan(1e-14 * exact[k]!);
  });

  it("is ln(k!) to 1e-14 relative from k = 256 on (Stirling's series), across the table's edge", () => {
    for (let k = 256; k <= 20_000; k++) {
      const relative = Math.abs(logFactorial(k) - exact[k]!) / exact[k]!;
      if (!(relative < 1e-14)) expect({ k, relative }).toEqual({ k, relative: 0 });
    }
    expect(Math.abs(logFactorial(256) - logFactorial(255) - Math.log(256))).toBeLessThan(1e-11);
  });
});
