import { describe, expect, it } from 'vitest';
import { bandPath } from '../../../src/io/report/band-path.js';
import { linePath } from '../../../src/io/report/line-path.js';

describe('linePath', () => {
  it('draws a known 3-point series', () => {
    expect(linePath([0, 10, 20.04], [5, 7.25, 9.96])).toBe('M0,5L10,7.3L20,10');
  });

  it('breaks the line at a non-finite point and dots a lone point', () => {
    expect(linePath([0, 10, 20, 30, 40], [1, 2, NaN, 4, NaN])).toBe('M0,1L10,2M30,4l0,0');
  });

  it('draws nothing without points', () => {
    expect(linePath([], [])).toBe('');
    expect(linePath([1], [NaN])).toBe('');
  });
});

describe('bandPath', () => {
  it('goes along the upper series and back along the lower one', () => {
    expect(bandPath([0, 10, 20], [50, 45, 40.06], [20, 15, 10])).toBe('M0,20L10,15L20,10L20,40.1L10,45L0,50Z');
  });

  it('leaves out points where a value is missing', () => {
    expect(bandPath([0, 10, 20], [50, NaN, 40], [20, 15, 10])).toBe('M0,20L20,10L20,40L0,50Z');
    expect(bandPath([0], [NaN], [1])).toBe('');
  });
});
