import { printableLines } from '../scenario/errors.js';
import { formatNumber, formatPercent } from './format-number.js';
import { formatInterval, formatProbability } from './format-probability.js';
import { textTable } from './text-table.js';
import type { LeverEvaluation, TargetResult, UndecidedValue } from '../experiment/find-target.js';

/**
 * The terminal summary of `caseload target`: the target, the lever, the
 * answer with the probability and its 95% interval there and at the
 * neighbouring values, the replications for +/-1 percentage point, a value
 * that reaches the confidence on the estimate only (or that the replications
 * cannot tell), the values searched, and the analytic relief with how far the
 * answer is from it and why.
 *
 * @example formatTarget(result) // 'Baseline 2024 (scenarios/baseline-2024.yaml)\nTarget: ...'
 */
export function formatTarget(result: TargetResult): string {
  const decimals = decimalsOf(result.searched.step);
  const v = (value: number) => formatNumber(value, decimals);
  const unit = result.unit === '' ? '' : ` ${result.unit}`;
  // As many decimals as the confidence has (up to 3): 90%, 97.5%, 98.75%, not 98.8% for 0.9875.
  const confidenceDecimals =
    [0, 1, 2, 3].find(
      (d) => Number((result.confidence * 100).toFixed(d)) === Number((result.confidence * 100).toFixed(12)),
    ) ?? 3;
  const confidence = formatPercent(result.confidence, confidenceDecimals);
  const t = result.target;
  const about = [
    ...(result.lever === result.field ? [] : [result.field]),
    ...(result.unit === '' ? [] : [result.unit]),
  ].join(', ');
  const conversion = result.conversion;
  const leverText =
    conversion !== null
      ? `${result.lever} (FTE, set as ${result.field} in ${conversion.unit})`
      : about === ''
        ? result.lever
        : `${result.lever} (${about})`;
  const hours = (h: number) => formatNumber(h, Number.isInteger(h) ? 0 : 2);
  const perFte =
    conversion === null
      ? []
      : [
          `  one FTE = ${formatNumber(conversion.unitsPerFte, 3)} ${conversion.unit} a week: ` +
            `${hours(conversion.hoursPerFteWeek)} h x ${formatPercent(conversion.productiveShare, 0)} productive` +
            `${conversion.unit === 'decisions' ? ` / ${hours(conversion.hoursPerUnit)} h a decision` : ''}` +
            ' (capacity.conversion)',
        ];
  const now =
    result.current === null
      ? ''
      : `; the scenario's value ${result.current.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
  const lines: string[] = [
    `${result.scenario} (${result.file})`,
    ...targetLines(t, confidence),
    `Lever: ${leverText}, in steps of ${v(result.searched.step)}${now}`,
    ...perFte,
    `${formatNumber(result.reps)} replications per value, seed ${result.seed} for every value (common random numbers)`,
    '',
  ];

  const p = (e: LeverEvaluation) => formatProbability(e.probability, e.probabilityInterval);
  const byValue = [...result.evaluations].sort((x, y) => x.value - y.value);
  const undecided = result.undecided;
  if (result.value === null && undecided !== null) {
    const top = byValue[byValue.length - 1]!;
    const atTop =
      top.value === undecided.value
        ? ''
        : ` (at ${v(top.value)}: ${formatPercent(top.probability)}, 95% interval ${formatInterval(top.probabilityInterval)})`;
    lines.push(
      ...wrap(
        `The replications cannot tell whether ${result.lever} = ${v(undecided.value)} reaches ${confidence}: ` +
          `its probability is ${p(undecided)}, and no value up to ${v(result.searched.highest)} clears ` +
          `${confidence} with its interval${atTop}.`,
      ),
      ...replicationsToTell(undecided, result.confidence, confidence, result.reps),
    );
  } else if (result.value === null) {
    const top = byValue[byValue.length - 1]!;
    const flat = byValue.length >= 2 && byValue[byValue.length - 2]!.probability === top.probability;
    lines.push(
      `No value of ${result.lever} up to ${v(result.searched.highest)} reaches ${confidence}: at ${v(top.value)} the probability is ${p(top)}.`,
      flat && result.monotone
        ? `More ${result.lever} stopped helping: the target may be out of reach (minimum waits keep the latest arrivals open).`
        : 'Raise the limit with --max.',
    );
  } else {
    const shown = result.unit === 'fraction' || result.unit === 'factor' ? '' : unit;
    const asCapacity =
      conversion === null ? '' : ` (${formatNumber(result.value * conversion.unitsPerFte, 1)} ${conversion.unit}/week)`;
    const answer = `${result.lever} = ${v(result.value)}${shown}${asCapacity}`;
    const atAnswer = formatProbability(result.probability!, result.probabilityInterval!);
    const answered = result.evaluations.find((e) => e.value === result.value)!;
    const row = (e: LeverEvaluation, label: string) => [
      v(e.value),
      formatPercent(e.probability),
      formatInterval(e.probabilityInterval),
      label,
    ];
    lines.push(
      result.metAtLowest
        ? `Already met at the lowest value allowed: ${answer} gives probability ${atAnswer}`
        : `Answer: ${answer}, probability ${atAnswer}: its lower bound ${formatPercent(result.probabilityInterval!.low, 2)} clears ${confidence}`,
      labelled([
        [result.lever, 'probability', '95% interval', ''],
        ...result.neighbours
          .filter((n) => n.value < result.value!)
          .map((n) => row(n, `one step below: ${shortOf(n, result.confidence, confidence)}`)),
        row(answered, 'the answer'),
        ...result.neighbours.filter((n) => n.value > result.value!).map((n) => row(n, 'one step above')),
      ]),
      `A 95% interval of +/-1 percentage point at ${formatPercent(result.probability!)} takes ` +
        `${formatNumber(result.replicationsForOnePoint!)} replications (this search: ${formatNumber(result.reps)}).`,
    );
    if (undecided !== null) {
      lines.push(
        ...wrap(
          `${result.lever} = ${v(undecided.value)} reaches ${confidence} on the estimate, ${p(undecided)}, ` +
            `but its interval does not clear it: the replications cannot tell whether ${v(undecided.value)} is enough.`,
        ),
        ...replicationsToTell(undecided, result.confidence, confidence, result.reps),
      );
    }
  }
  const searched = result.evaluations.map(
    (e) => `${v(e.value)} (${formatPercent(e.probability)}, ${formatInterval(e.probabilityInterval)})`,
  );
  lines.push(
    ...listLines(`Evaluated ${result.evaluations.length} values, in order (probability, 95% interval):`, searched),
  );
  if (!result.monotone) {
    lines.push(
      `Note: the probability did not always rise with ${result.lever}, which the search assumes.`,
      result.value === null
        ? `A lower ${result.lever} may be what helps: this search looks for the smallest value that reaches the target.`
        : `The answer still clears ${confidence} with its interval and the value one step below does not; more replications (--reps) smooth the curve.`,
    );
  }

  const a = result.analyticRelief;
  if (a === null) {
    lines.push(
      '',
      ...wrap(
        t.kind === 'leadTime'
          ? "Analytic relief: not given for a lead-time target (the planners' mean-value figure is for the total backlog)."
          : "Analytic relief: not given for a target on some lanes (the planners' mean-value figure is for the total " +
              'backlog; how much of the capacity the other lanes take depends on their priorities).',
      ),
    );
    return printableLines(`${lines.join('\n')}\n`);
  }
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
      ...(result.uncertainty.length === 0
        ? []
        : [
            "  Above all here, the scenario's uncertainty: the capacity must also cover an inflow above plan",
            '  or a capacity below it:',
            ...result.uncertainty.map((what) => `    - ${what}`),
            '  --no-uncertainty gives the answer for the plan taken as known.',
          ]),
    );
  } else if (result.value !== null) {
    lines.push(
      `  (not comparable with ${result.field}: the comparison is for capacity in decisions a week or a year, or FTE)`,
    );
  }
  return printableLines(`${lines.join('\n')}\n`);
}

/** The target in words: a backlog (of every lane or some) by a date, or a lead time of a cohort. */
function targetLines(t: TargetResult['target'], confidence: string): string[] {
  const lanes = (names: readonly string[]) =>
    names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
  if (t.kind === 'backlog') {
    const what =
      t.lanes === null ? 'total backlog' : `backlog of ${lanes(t.lanes)}${t.lanes.length > 1 ? ' together' : ''}`;
    return wrap(
      `Target: ${what} <= ${formatNumber(t.backlog)} by ${t.date} (end of week ${t.week}, ISO ${t.isoWeek}, on ${t.weekEnd}) with ${confidence} confidence`,
    );
  }
  const whose = t.lanes === null ? 'all cases' : `the cases of ${lanes(t.lanes)}`;
  const weeks = t.fromWeek === t.toWeek ? `week ${t.fromWeek}` : `weeks ${t.fromWeek} to ${t.toWeek}`;
  const p = `P${Number(t.percentile.toFixed(3))}`;
  return wrap(
    `Target: ${p} lead time <= ${formatNumber(t.days)} days (${t.withinWeeks} whole weeks) with ${confidence} ` +
      `confidence, of ${whose} filed from ${t.filedFrom} to ${t.filedTo} (${weeks}): decided ` +
      `${t.lanes === null ? '' : t.lanes.length > 1 ? 'in these lanes ' : 'in this lane '}in the horizon, or still open at its end (waited longer)`,
  );
}

/** Why a value one step below the answer is not the answer. */
function shortOf(e: LeverEvaluation, level: number, confidence: string): string {
  if (e.probability >= level) return `${confidence} on the estimate, not with its interval`;
  if (e.probabilityInterval.high >= level) return `short of ${confidence}, though its interval reaches it`;
  return `short of ${confidence}`;
}

/** How many replications would tell whether an undecided value reaches the confidence. */
function replicationsToTell(undecided: UndecidedValue, level: number, confidence: string, reps: number): string[] {
  const onePoint = `+/-1 percentage point takes ${formatNumber(undecided.replicationsForOnePoint)}.`;
  if (undecided.replicationsToSeparate === null)
    return wrap(
      `Its estimate is exactly ${confidence}: no number of replications can be promised to separate it. ${onePoint}`,
    );
  const points = Math.abs(undecided.probability - level) * 100;
  return wrap(
    `About ${formatNumber(undecided.replicationsToSeparate)} replications (this search: ${formatNumber(reps)}) ` +
      `would tell, if the probability stays near ${formatPercent(undecided.probability)}: the fewest whose 95% ` +
      `interval is within the ${formatNumber(points, points >= 0.1 ? 1 : 2)} points between it and ${confidence}. ${onePoint}`,
  );
}

/**
 * A sentence wrapped at 100 characters between words, the lines after the
 * first indented by two spaces; "95% interval" stays on one line.
 */
function wrap(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.replaceAll('95% interval', '95%\u00a0interval').split(' ')) {
    if (line !== '' && line.length + 1 + word.length > 100) {
      lines.push(line);
      line = `  ${word}`;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.map((l) => l.replaceAll('\u00a0', ' '));
}

/** A heading and a comma-separated list, wrapped between items at 100 characters, the lines after the first indented. */
function listLines(heading: string, items: readonly string[]): string[] {
  const lines: string[] = [];
  let line = heading;
  items.forEach((item, i) => {
    const text = i < items.length - 1 ? `${item},` : item;
    if (line.length + 1 + text.length > 100 && line.trim() !== '') {
      lines.push(line);
      line = `  ${text}`;
    } else line = `${line} ${text}`;
  });
  lines.push(line);
  return lines;
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
