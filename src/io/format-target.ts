import { formatNumber, formatPercent } from './format-number.js';
import { textTable } from './text-table.js';
import type { TargetResult } from '../experiment/find-target.js';

/**
 * The terminal summary of `caseload target`: the target, the lever, the
 * answer with the probability there and at the neighbouring values, the
 * values searched, and the analytic relief with how far the answer is from it
 * and why.
 *
 * @example formatTarget(result) // 'Baseline 2024 (scenarios/baseline-2024.yaml)\nTarget: ...'
 */
export function formatTarget(result: TargetResult): string {
  const decimals = decimalsOf(result.searched.step);
  const v = (value: number) => formatNumber(value, decimals);
  const unit = result.unit === '' ? '' : ` ${result.unit}`;
  const confidence = formatPercent(
    result.confidence,
    result.confidence * 100 === Math.round(result.confidence * 100) ? 0 : 1,
  );
  const t = result.target;
  const about = [
    ...(result.lever === result.field ? [] : [result.field]),
    ...(result.unit === '' ? [] : [result.unit]),
  ].join(', ');
  const leverText = about === '' ? result.lever : `${result.lever} (${about})`;
  const now =
    result.current === null
      ? ''
      : `; the scenario's value ${result.current.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
  const lines: string[] = [
    `${result.scenario} (${result.file})`,
    `Target: total backlog <= ${formatNumber(t.backlog)} by ${t.date} (end of week ${t.week}, ${t.weekEnd}) with ${confidence} confidence`,
    `Lever: ${leverText}, in steps of ${v(result.searched.step)}${now}`,
    `${formatNumber(result.reps)} replications per value, seed ${result.seed} for every value (common random numbers)`,
    '',
  ];

  const byValue = [...result.evaluations].sort((x, y) => x.value - y.value);
  if (result.value === null) {
    const top = byValue[byValue.length - 1]!;
    const flat = byValue.length >= 2 && byValue[byValue.length - 2]!.probability === top.probability;
    lines.push(
      `No value of ${result.lever} up to ${v(result.searched.highest)} reaches ${confidence}: at ${v(top.value)} the probability is ${formatPercent(top.probability)}.`,
      flat && result.monotone
        ? `More ${result.lever} stopped helping: the target may be out of reach (minimum waits keep the latest arrivals open).`
        : 'Raise the limit with --max.',
    );
  } else {
    const shown = result.unit === 'fraction' || result.unit === 'factor' ? '' : unit;
    const answer = `${result.lever} = ${v(result.value)}${shown}`;
    lines.push(
      result.metAtLowest
        ? `Already met at the lowest value allowed: ${answer} gives probability ${formatPercent(result.probability!)}`
        : `Answer: ${answer}, probability ${formatPercent(result.probability!)} (at least ${confidence})`,
      labelled([
        [result.lever, 'probability', ''],
        ...result.neighbours
          .filter((n) => n.value < result.value!)
          .map((n) => [v(n.value), formatPercent(n.probability), `one step below: short of ${confidence}`]),
        [v(result.value), formatPercent(result.probability!), 'the answer'],
        ...result.neighbours
          .filter((n) => n.value > result.value!)
          .map((n) => [v(n.value), formatPercent(n.probability), 'one step above']),
      ]),
    );
  }
  const searched = result.evaluations.map((e) => `${v(e.value)} (${formatPercent(e.probability)})`).join(', ');
  lines.push(`Evaluated ${result.evaluations.length} values, in order: ${searched}`);
  if (!result.monotone) {
    lines.push(
      `Note: the probability did not always rise with ${result.lever}, which the search assumes.`,
      result.value === null
        ? `A lower ${result.lever} may be what helps: this search looks for the smallest value that reaches the target.`
        : `The answer still reaches ${confidence} and the value one step below does not; more replications (--reps) smooth the curve.`,
    );
  }

  const a = result.analyticRelief;
  lines.push(
    '',
    "Analytic relief (the planners' mean-value figure, about 50% confidence)",
    `  (${formatNumber(a.startBacklog)} - ${formatNumber(a.targetBacklog)}) / ${a.weeks} weeks + ` +
      `${formatNumber(a.meanInflowPerWeek, 2)} mean inflow a week = ${formatNumber(a.perWeek, 2)} ` +
      `decisions/week`,
    `  with an allowance for Poisson inflow at ${confidence}: ${formatNumber(a.withInflowVariability, 2)} decisions/week (+${formatNumber(a.withInflowVariability - a.perWeek, 2)})`,
  );
  if (a.fte !== null) {
    const f = a.fte;
    const calendar = f.calendarFactor === 1 ? '' : ` x calendar ${formatNumber(f.calendarFactor, 3)}`;
    lines.push(
      `  in FTE: x ${formatNumber(f.meanHoursPerDecision, 2)} h per decision (inflow-weighted) / ` +
        `(${formatNumber(f.hoursPerFteWeek, 1)} h x ${formatPercent(f.productiveShare, 0)} ` +
        `productive${calendar})`,
      `          = ${formatNumber(f.value, 1)} FTE (${formatNumber(f.withInflowVariability, 1)} FTE with the inflow allowance)`,
    );
  }
  const c = result.comparison;
  if (c !== null && result.value !== null) {
    const sign = c.difference >= 0 ? '+' : '-';
    const where = c.difference >= 0 ? 'above' : 'below';
    const percent = c.percent === null ? '' : ` (${sign}${formatNumber(Math.abs(c.percent), 1)}%)`;
    lines.push(
      `  The simulated answer ${v(result.value)} is ${formatNumber(Math.abs(c.difference), 2)} ${where} ` +
        `the analytic ${formatNumber(c.analytic, 2)}${percent}.`,
      '  They differ because the analytic figure assumes the mean inflow every week and every unit of',
      '  capacity used. The simulation adds: the variability of inflow (the allowance above); minimum',
      "  waits, which leave the last weeks' arrivals ineligible (capacity idle when nothing is eligible",
      '  is lost); priorities between lanes (and their hours per decision); and the grid of values.',
    );
  } else if (result.value !== null) {
    lines.push(
      `  (not comparable with ${result.field}: the comparison is for capacity in decisions a week or a year, or FTE)`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A table whose last column, a label, is left-aligned after the others. */
function labelled(rows: readonly (readonly string[])[]): string {
  const table = textTable(rows.map((row) => row.slice(0, -1))).split('\n');
  return table.map((line, i) => `${line}  ${rows[i]![rows[i]!.length - 1]!}`.trimEnd()).join('\n');
}

/** Decimals that show every multiple of the step: 0 for 1, 1 for 0.5, 2 for 0.25. */
function decimalsOf(step: number): number {
  const text = String(step);
  if (text.includes('e-')) return Number(text.split('e-')[1]);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}
