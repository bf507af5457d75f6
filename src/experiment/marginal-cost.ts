import type { PoolSummary } from '../run/capacity-summary.js';
import type { RunSummary } from '../run/summary.js';

/** What an option costs and decides more than the base: the cost of an extra decision. */
export interface MarginalCost {
  /** The option's decisions less the base's, mean per replication over the horizon. */
  readonly extraDecisions: number;
  /** The option's cost less the base's, of the pools with a cost (a run without one counts 0). */
  readonly extraCost: number;
  /** extraCost / extraDecisions; null when the option decides no more than the base (less than half a decision more). */
  readonly perExtraDecision: number | null;
  /**
   * True when the capacity without a cost differs between the option and the
   * base (other pools, or other planned or realised amounts): what that
   * difference costs is not in extraCost.
   */
  readonly uncostedDiffers: boolean;
}

/**
 * The extra cost per extra decision of an option against the base: cost
 * difference over decisions difference, both of the whole run. Null when
 * neither has a pool with a cost.
 *
 * @example marginalCost(base.summary, extraFte.summary) // { extraDecisions: 171, extraCost: 85000, perExtraDecision: 497, ... }
 */
export function marginalCost(base: RunSummary, option: RunSummary): MarginalCost | null {
  if (base.capacity.cost === null && option.capacity.cost === null) return null;
  const extraDecisions = option.decisions.total - base.decisions.total;
  const extraCost = (option.capacity.cost?.total ?? 0) - (base.capacity.cost?.total ?? 0);
  return {
    extraDecisions,
    extraCost,
    perExtraDecision: extraDecisions >= 0.5 ? extraCost / extraDecisions : null,
    uncostedDiffers: !samePools(uncosted(base), uncosted(option)),
  };
}

function uncosted(summary: RunSummary): PoolSummary[] {
  return summary.capacity.pools.filter((pool) => pool.cost === null);
}

function samePools(a: readonly PoolSummary[], b: readonly PoolSummary[]): boolean {
  const near = (x: number | null, y: number | null) =>
    x === null || y === null ? x === y : Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  return (
    a.length === b.length &&
    a.every((pool, i) => {
      const other = b[i]!;
      return (
        pool.pool === other.pool &&
        pool.unit === other.unit &&
        near(pool.planned, other.planned) &&
        near(pool.realised, other.realised)
      );
    })
  );
}
