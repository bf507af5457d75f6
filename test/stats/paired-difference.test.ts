import fc from 'fast-check';
import { mean, sampleVariance } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { PairedDifference } from '../../src/stats/paired-difference.js';
import { wilsonInterval } from '../../src/stats/proportion.js';
import { runs } from '../fast-check-config.js';

/** The 97.5% point of the standard normal. */
const Z = 1.959963984540054;

const pairs = fc.array(fc.tuple(fc.integer({ min: -5_000, max: 5_000 }), fc.integer({ min: -5_000, max: 5_000 })), {
  minLength: 2,
  maxLength: 60,
});

describe('PairedDifference: option - base, pair by pair', () => {
  it('known values: three pairs', () => {
    const d = new PairedDifference();
    d.add(1120, 1140); // -20
    d.add(1100, 1130); // -30
    d.add(1150, 1140); // +10
    expect(d.count).toBe(3);
    const sd = Math.sqrt(sampleVariance([-20, -30, 10]) / 3); // sample variance 433.33
    expect(d.interval().mean).toBeCloseTo(-40 / 3, 12);
    expect(d.interval().halfWidth).toBeCloseTo(Z * sd, 12);
    expect(d.interval().low).toBeCloseTo(-40 / 3 - Z * sd, 12);
    expect(d.interval().high).toBeCloseTo(-40 / 3 + Z * sd, 12);
    // Two of three ended below the base (by at least one case); a tie is not below.
    expect(d.probabilityBelow()).toBeCloseTo(2 / 3, 15);
    expect(d.probabilityBelowInterval()).toEqual(wilsonInterval(2, 3));
    // A tie and one case more are not below either.
    d.add(1140, 1140);
    d.add(1141, 1140);
    expect(d.probabilityBelow()).toBeCloseTo(2 / 5, 15);
    expect(d.probabilityBelowInterval()).toEqual(wilsonInterval(2, 5));
  });

  it('the paired interval from the differences, the unpaired one from both variances, on random pairs', () => {
    fc.assert(
      fc.property(pairs, (list) => {
        const d = new PairedDifference();
        for (const [option, base] of list) d.add(option, base);
        const n = list.length;
        const differences = list.map(([o, b]) => o - b);
        const paired = d.interval();
        const scale = 1 + Math.max(...differences.map(Math.abs));
        expect(paired.mean).toBeCloseTo(mean(differences), 9);
        expect(paired.halfWidth / scale).toBeCloseTo((Z * Math.sqrt(sampleVariance(differences) / n)) / scale, 9);
        expect(paired.high - paired.low).toBeCloseTo(2 * paired.halfWidth, 6);
        const options = list.map(([o]) => o);
        const bases = list.map(([, b]) => b);
        const unpaired = d.unpairedInterval();
        expect(unpaired.mean).toBeCloseTo(mean(options) - mean(bases), 9);
        const se = Math.sqrt((sampleVariance(options) + sampleVariance(bases)) / n);
        expect(unpaired.halfWidth / (1 + se)).toBeCloseTo((Z * se) / (1 + se), 9);
        expect(unpaired.low).toBeCloseTo(unpaired.mean - unpaired.halfWidth, 6);
        const below = differences.filter((x) => x <= -1).length;
        expect(d.probabilityBelow()).toBe(below / n);
        expect(d.probabilityBelowInterval()).toEqual(wilsonInterval(below, n));
      }),
      { numRuns: runs(200) },
    );
  });

  it('merging the data of two halves gives the whole', () => {
    fc.assert(
      fc.property(pairs, fc.nat(), (list, cut) => {
        const at = cut % list.length;
        const whole = new PairedDifference();
        const first = new PairedDifference();
        const second = new PairedDifference();
        list.forEach(([o, b], i) => {
          whole.add(o, b);
          (i < at ? first : second).add(o, b);
        });
        first.mergeData(second.toData());
        expect(first.count).toBe(whole.count);
        expect(first.interval()).toEqual(whole.interval());
        expect(first.unpairedInterval()).toEqual(whole.unpairedInterval());
        expect(first.probabilityBelow()).toBe(whole.probabilityBelow());
      }),
      { numRuns: runs(100) },
    );
  });

  it('no pairs: no probability; one pair: no interval', () => {
    const none = new PairedDifference();
    expect(none.probabilityBelow()).toBeNaN();
    const one = new PairedDifference();
    one.add(5, 7);
    expect(one.interval().mean).toBe(-2);
    expect(one.interval().halfWidth).toBeNaN();
    expect(one.unpairedInterval().halfWidth).toBeNaN();
    expect(one.probabilityBelow()).toBe(1);
  });
});
