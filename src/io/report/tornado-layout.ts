import type { TornadoData } from './chart-types.js';
import { finiteExtent } from './finite-extent.js';
import { linearScale } from './linear-scale.js';
import type { LinearScale } from './linear-scale.js';

/** Where a tornado's marks lie along its x axis, px. */
export interface TornadoLayout {
  /** Mean end backlog to px: the domain covers every bar end, the base and the target. */
  readonly scale: LinearScale;
  /** The base (every parameter at its mean). */
  readonly basePx: number;
  /** The target backlog; null without a target. */
  readonly targetPx: number | null;
  /** Per row of the data, in its order: the end at the parameter's P10 and at its P90. */
  readonly rows: readonly { readonly p10Px: number; readonly p90Px: number }[];
}

/**
 * The x positions of a tornado between `left` and `right` px: one scale for
 * the bars' ends (the mean end backlog at each parameter's P10 and P90), the
 * base and the target, inset by `labelRoomPx` on both sides so that the
 * labels at the bars' ends stay inside. Not from zero: the bars are swings
 * around the base, and the axis says where they lie.
 *
 * @example
 * // The axis runs from 600 to 1,600 over 220-630 px:
 * tornadoLayout({ endDate, base: 1141, rows: [{ label: 'inflow level', p10: { value: 0.72, endBacklog: 771 }, p90: { value: 1.32, endBacklog: 1556 } }], target: null }, { left: 150, right: 700 }, 70).rows[0]
 * // { p10Px: 290.11, p90Px: 611.96 }
 */
export function tornadoLayout(
  data: TornadoData,
  range: { readonly left: number; readonly right: number },
  labelRoomPx: number,
): TornadoLayout {
  const values = [
    data.base,
    data.target?.backlog ?? Number.NaN,
    ...data.rows.flatMap((row) => [row.p10.endBacklog, row.p90.endBacklog]),
  ];
  const extent = finiteExtent(values);
  const room = Math.max(0, Math.min(labelRoomPx, (range.right - range.left) / 4));
  const scale = linearScale({
    min: extent?.min ?? 0,
    max: extent?.max ?? 0,
    integerTicks: true,
    tickCount: 5,
    rangeStart: range.left + room,
    rangeEnd: range.right - room,
  });
  return {
    scale,
    basePx: scale.toPixel(data.base),
    targetPx: data.target === null || !Number.isFinite(data.target.backlog) ? null : scale.toPixel(data.target.backlog),
    rows: data.rows.map((row) => ({
      p10Px: scale.toPixel(row.p10.endBacklog),
      p90Px: scale.toPixel(row.p90.endBacklog),
    })),
  };
}
