import { formatNumber, formatPercent } from './format-number.js';
import type { ReforecastView } from '../monitor/monitor-actuals.js';
import type { NeededCapacity, Reforecast } from '../monitor/reforecast.js';
import type { ReforecastSetup } from '../monitor/reforecast-scenario.js';

/**
 * The re-forecast as the monitor's outputs show it: its band per week from
 * the last actual date (the first point is the backlog actually open then,
 * the same in every percentile), the band at the week its target is measured
 * (the last week without a target), the target's probability with its
 * interval, the capacity the target now needs, what --learn measured, every
 * assumption, and a sentence that says it all.
 *
 * @example reforecastView(setup, result).text // 'from 1,382 open on 2024-04-28 ...'
 */
export function reforecastView(setup: ReforecastSetup, result: Reforecast): ReforecastView {
  const total = setup.startBacklog.total;
  const points = [
    { date: setup.lastActualDate, mean: total, p5: total, p25: total, p50: total, p75: total, p95: total },
    ...result.weekly.map(({ date, mean, p5, p25, p50, p75, p95 }) => ({ date, mean, p5, p25, p50, p75, p95 })),
  ];
  const band = result.atTarget ?? result.atEnd;
  const target = result.target;
  const needed = result.neededCapacity;
  const view: Omit<ReforecastView, 'text'> = {
    from: setup.lastActualDate,
    start: setup.start,
    weeks: setup.horizonWeeks,
    deterministic: result.deterministic,
    seed: result.seed,
    replications: result.replications,
    startBacklog: setup.startBacklog,
    startBacklogFrom: setup.startBacklogFrom,
    planBacklog: setup.planBacklog.total,
    points,
    band: { date: band.date, mean: band.mean, p5: band.p5, p50: band.p50, p95: band.p95 },
    target:
      target === null
        ? null
        : {
            backlog: target.backlog,
            date: target.date,
            weekEnd: target.weekEnd,
            probability: target.probability,
            interval: target.interval,
          },
    neededCapacity: needed === null ? null : withoutSearch(needed),
    learned: setup.learned,
    assumptions: setup.assumptions,
  };
  return { ...view, text: reforecastText(view) };
}

const n = (value: number) => formatNumber(value);
/** A capacity: whole numbers as they are, else one decimal. */
const capacity = (value: number) => formatNumber(value, Number.isInteger(value) ? 0 : 1);

/** The re-forecast in one sentence: where it starts, its band, the target's chance, the capacity it needs. */
function reforecastText(view: Omit<ReforecastView, 'text'>): string {
  const parts = [
    `from ${n(view.startBacklog.total)} open on ${view.from} (the plan expected ${n(view.planBacklog)})`,
    `the backlog on ${view.band.date} is P50 ${n(view.band.p50)} (P5 to P95: ${n(view.band.p5)} to ${n(view.band.p95)})`,
  ];
  const target = view.target;
  if (target !== null) {
    const interval =
      target.interval === null
        ? ''
        : ` (95% interval ${formatPercent(target.interval.low)} to ${formatPercent(target.interval.high)})`;
    parts.push(`${n(target.backlog)} or fewer by ${target.date}: ${formatPercent(target.probability)}${interval}`);
  }
  const needed = view.neededCapacity;
  if (needed !== null) {
    const unit = needed.lever === 'fte' ? 'FTE' : 'decisions a week';
    const now = needed.inEffect === null ? '' : `, against ${capacity(needed.inEffect)} now`;
    const planned =
      needed.planned === null
        ? ''
        : ` (a plan of ${capacity(needed.planned)} at the ${formatPercent(needed.value! / needed.planned)} delivered lately)`;
    parts.push(
      needed.value === null
        ? needed.cannotTell
          ? `the replications cannot tell which capacity reaches it with ${formatPercent(needed.confidence, 0)} confidence`
          : `no capacity searched reaches it with ${formatPercent(needed.confidence, 0)} confidence`
        : `for ${formatPercent(needed.confidence, 0)}: ${capacity(needed.value)} ${unit} from ${view.start}${now}${planned}`,
    );
  }
  return parts.join('; ');
}

/** The capacity search's answer without the whole search it came from. */
function withoutSearch({ search: _, ...answer }: NeededCapacity): Omit<NeededCapacity, 'search'> {
  return answer;
}
