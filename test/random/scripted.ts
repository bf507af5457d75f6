import type { Uniform } from '../../src/random/stream.js';

/**
 * A uniform stream that gives the listed values in order and then throws (a
 * test that reads past its script is wrong), counting what was drawn.
 */
export function scripted(values: readonly number[]): { uniform: Uniform; drawn: () => number } {
  let next = 0;
  return {
    uniform: () => {
      if (next >= values.length) throw new Error(`the script of ${values.length} uniforms ran out`);
      return values[next++]!;
    },
    drawn: () => next,
  };
}

/** A uniform stream that counts its draws, each one `value`. */
export function counting(value = 0.5): { uniform: Uniform; drawn: () => number } {
  let drawn = 0;
  return {
    uniform: () => {
      drawn++;
      return value;
    },
    drawn: () => drawn,
  };
}

const bits = new Float64Array(1);
const integer = new BigInt64Array(bits.buffer);

/** The next double above a positive x. */
export function nextUp(x: number): number {
  bits[0] = x;
  integer[0]! += 1n;
  return bits[0]!;
}

/** The next double below a positive x. */
export function nextDown(x: number): number {
  bits[0] = x;
  integer[0]! -= 1n;
  return bits[0]!;
}

/** The largest double below 1: the largest uniform a stream could give. */
export const JUST_BELOW_ONE = 1 - 2 ** -53;
