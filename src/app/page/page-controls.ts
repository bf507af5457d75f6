import type { Scenario } from '../../scenario/types.js';
import type { PageTextKey } from './page-text.js';

/** A group of controls on the page, in this order. */
export type ControlGroup = 'inflow' | 'capacity' | 'lanes' | 'uncertainty' | 'target' | 'run';

/** One control of the what-if page: a slider with a typed number, or a date. */
export interface PageControl {
  /** Unique on the page: the element ids derive from it. */
  readonly id: string;
  readonly group: ControlGroup;
  readonly label: PageTextKey;
  /** Filled into the label (`{lane}`). */
  readonly labelValues?: Readonly<Record<string, string>>;
  readonly unit: PageTextKey;
  readonly kind: 'number' | 'date';
  /**
   * The field the control sets, as `--set` names it; for a change from a
   * date, the scheduled field (the date control's date is added). Empty for
   * replications and seed, which are not fields.
   */
  readonly path: string;
  /** The file's value; null when the file has none (a change from a date starts empty). */
  readonly fileValue: number | string | null;
  /** The file's later values of a scheduled field, shown beside the control. */
  readonly fileSchedule?: readonly { readonly date: string; readonly value: number }[];
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** A change from a date: the id of its date control. */
  readonly dateControl?: string;
  /** Where the slider of a control with no value yet stands: the file's value at the start. */
  readonly sliderStart?: number;
  /** A date control of a change: never a setting of its own. */
  readonly dateOf?: string;
}

/** The slider's range: from `min` to a round value well above the file's. */
function upTo(value: number, floor: number): number {
  const top = Math.max(floor, value * 2.5);
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(top)) - 1);
  return Math.ceil(top / unit) * unit;
}

/** The date 13 weeks after the start, where a change from a date begins until the user picks another. */
function aQuarterIn(start: string): string {
  const day = new Date(`${start}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 91);
  return day.toISOString().slice(0, 10);
}

/**
 * The controls that apply to a scenario: the inflow (a constant or dated
 * mean; an inflow given week by week or replayed from data has none), the
 * capacity in the unit the file counts it (decisions per week or per year,
 * a margin over the inflow, or staff in FTE), a change of each from a date,
 * each lane's share, minimum wait and grant rate, the uncertainty
 * parameters the file has, the target, and replications and seed. A field
 * the file schedules is set at the start's date, so that its later dates
 * stay.
 *
 * @example pageControls(scenario).map((c) => c.path) // ['inflow.meanPerWeek', 'inflow.meanPerWeek', 'capacity.perYear', ...]
 */
export function pageControls(scenario: Scenario): PageControl[] {
  const controls: PageControl[] = [];
  const later = aQuarterIn(scenario.start);
  const dateControl = (id: string, group: ControlGroup, of: string): PageControl => ({
    id,
    group,
    label: 'changeDate',
    unit: 'unitDate',
    kind: 'date',
    path: '',
    fileValue: later,
    min: 0,
    max: 0,
    step: 1,
    dateOf: of,
  });
  const { inflow } = scenario;
  if (inflow.kind === 'constant' || inflow.kind === 'scheduled') {
    const changes = inflow.kind === 'scheduled' ? inflow.changes : [];
    const max = upTo(Math.max(inflow.meanPerWeek, ...changes.map((c) => c.meanPerWeek)), 50);
    controls.push({
      id: 'inflow',
      group: 'inflow',
      label: 'inflowPerWeek',
      unit: 'unitCasesPerWeek',
      kind: 'number',
      path: changes.length > 0 ? `inflow.meanPerWeek.${scenario.start}` : 'inflow.meanPerWeek',
      fileValue: inflow.meanPerWeek,
      fileSchedule: changes.map((c) => ({ date: c.from, value: c.meanPerWeek })),
      min: 0,
      max,
      step: 0.5,
    });
    controls.push({
      id: 'inflow-change',
      group: 'inflow',
      label: 'inflowChange',
      unit: 'unitCasesPerWeek',
      kind: 'number',
      path: 'inflow.meanPerWeek',
      fileValue: null,
      min: 0,
      max,
      step: 0.5,
      dateControl: 'inflow-change-date',
      sliderStart: inflow.meanPerWeek,
    });
    controls.push(dateControl('inflow-change-date', 'inflow', 'inflow-change'));
  }
  const { policy } = scenario.capacity;
  const changes = scenario.capacity.changes ?? [];
  const scheduled = (field: string, prefix: string, value: number) => {
    const later = changes.filter((c) => c.field === field);
    return {
      path: later.length > 0 ? `${prefix}${field}.${scenario.start}` : `${prefix}${field}`,
      fileValue: value,
      fileSchedule: later.map((c) => ({ date: c.from, value: c.value })),
      max: upTo(Math.max(value, ...later.map((c) => c.value)), 10),
    };
  };
  if (policy.kind === 'perWeek' || policy.kind === 'perYear') {
    const perWeek = policy.kind === 'perWeek';
    const value = perWeek ? policy.perWeek : policy.perYear;
    const field = scheduled(policy.kind, 'capacity.', value);
    const unit = perWeek ? 'unitDecisionsPerWeek' : 'unitDecisionsPerYear';
    controls.push({
      id: 'capacity',
      group: 'capacity',
      label: perWeek ? 'capacityPerWeek' : 'capacityPerYear',
      unit,
      kind: 'number',
      ...field,
      min: 0,
      step: perWeek ? 0.5 : 10,
    });
    controls.push({
      id: 'capacity-change',
      group: 'capacity',
      label: perWeek ? 'capacityChangePerWeek' : 'capacityChangePerYear',
      unit,
      kind: 'number',
      path: `capacity.${policy.kind}`,
      fileValue: null,
      min: 0,
      max: field.max,
      step: perWeek ? 0.5 : 10,
      dateControl: 'capacity-change-date',
      sliderStart: value,
    });
    controls.push(dateControl('capacity-change-date', 'capacity', 'capacity-change'));
  } else if (policy.kind === 'inflowPlusMargin') {
    controls.push({
      id: 'capacity-margin',
      group: 'capacity',
      label: 'capacityMargin',
      unit: 'unitShare',
      kind: 'number',
      path: 'capacity.inflowPlusMargin.margin',
      fileValue: policy.margin,
      min: 0,
      max: 1,
      step: 0.01,
    });
  } else {
    const fte = scheduled('fte', 'capacity.staff.', policy.fte);
    controls.push({
      id: 'staff-fte',
      group: 'capacity',
      label: 'staffFte',
      unit: 'unitFte',
      kind: 'number',
      ...fte,
      min: 0,
      step: 0.5,
    });
    controls.push({
      id: 'staff-fte-change',
      group: 'capacity',
      label: 'staffFteChange',
      unit: 'unitFte',
      kind: 'number',
      path: 'capacity.staff.fte',
      fileValue: null,
      min: 0,
      max: fte.max,
      step: 0.5,
      dateControl: 'staff-fte-change-date',
      sliderStart: policy.fte,
    });
    controls.push(dateControl('staff-fte-change-date', 'capacity', 'staff-fte-change'));
    controls.push({
      id: 'staff-ramp-up',
      group: 'capacity',
      label: 'staffRampUp',
      unit: 'unitWeeks',
      kind: 'number',
      path: 'capacity.staff.rampUpWeeks',
      fileValue: policy.rampUpWeeks ?? 0,
      min: 0,
      max: 52,
      step: 1,
    });
    const hours = scheduled('hoursPerFteWeek', 'capacity.staff.', policy.hoursPerFteWeek);
    controls.push({
      id: 'staff-hours',
      group: 'capacity',
      label: 'staffHours',
      unit: 'unitHours',
      kind: 'number',
      ...hours,
      max: Math.max(60, hours.max),
      min: 0,
      step: 0.5,
    });
    const productive = scheduled('productiveShare', 'capacity.staff.', policy.productiveShare);
    controls.push({
      id: 'staff-productive',
      group: 'capacity',
      label: 'staffProductive',
      unit: 'unitShare',
      kind: 'number',
      ...productive,
      max: 1,
      min: 0,
      step: 0.01,
    });
  }
  scenario.lanes.forEach((lane, index) => {
    const base = { group: 'lanes' as const, kind: 'number' as const, labelValues: { lane: lane.name } };
    controls.push({
      ...base,
      id: `lane-${index}-share`,
      label: 'laneShare',
      unit: 'unitShare',
      path: `lanes.${lane.name}.share`,
      fileValue: lane.share,
      min: 0,
      max: 1,
      step: 0.01,
    });
    controls.push({
      ...base,
      id: `lane-${index}-min-wait`,
      label: 'laneMinWait',
      unit: 'unitWeeks',
      path: `lanes.${lane.name}.minWaitWeeks`,
      fileValue: lane.minWaitWeeks,
      min: 0,
      max: Math.max(52, lane.minWaitWeeks),
      step: 1,
    });
    controls.push({
      ...base,
      id: `lane-${index}-grant-rate`,
      label: 'laneGrantRate',
      unit: 'unitShare',
      path: `lanes.${lane.name}.grantRate`,
      fileValue: lane.grantRate,
      min: 0,
      max: 1,
      step: 0.01,
    });
  });
  const u = scenario.uncertainty;
  const uncertain = (id: string, label: PageTextKey, path: string, value: number | undefined, max = 1, step = 0.01) => {
    if (value !== undefined)
      controls.push({
        id,
        group: 'uncertainty',
        label,
        unit: 'unitFactor',
        kind: 'number',
        path,
        fileValue: value,
        min: 0,
        max: Math.max(max, value),
        step,
      });
  };
  uncertain('inflow-level-cv', 'inflowLevelCv', 'uncertainty.inflow.level.cv', u?.inflow.level?.cv);
  uncertain('inflow-drift-sd', 'inflowDriftSd', 'uncertainty.inflow.drift.sdPerYear', u?.inflow.drift?.sdPerYear);
  uncertain(
    'inflow-overdispersion-cv',
    'inflowOverdispersionCv',
    'uncertainty.inflow.overdispersion.cv',
    u?.inflow.overdispersion?.cv,
  );
  uncertain(
    'capacity-productivity-cv',
    'capacityProductivityCv',
    'uncertainty.capacity.productivity.cv',
    u?.capacity.productivity?.cv,
  );
  uncertain('capacity-weekly-cv', 'capacityWeeklyCv', 'uncertainty.capacity.weekly.cv', u?.capacity.weekly?.cv);
  uncertain(
    'shares-concentration',
    'sharesConcentration',
    'uncertainty.shares.concentration',
    u?.shares?.concentration,
    200,
    1,
  );
  uncertain(
    'grant-rates-concentration',
    'grantRatesConcentration',
    'uncertainty.grantRates.concentration',
    u?.grantRates?.concentration,
    200,
    1,
  );
  if (scenario.target !== null) {
    const start = Object.values(scenario.initialBacklog).reduce(
      (sum, lane) =>
        sum + (lane.kind === 'spread' ? lane.count : lane.counts.reduce((total, { count }) => total + count, 0)),
      0,
    );
    controls.push({
      id: 'target-backlog',
      group: 'target',
      label: 'targetBacklog',
      unit: 'unitCases',
      kind: 'number',
      path: 'target.backlog',
      fileValue: scenario.target.backlog,
      min: 0,
      max: upTo(Math.max(scenario.target.backlog, start), 100),
      step: 10,
    });
    controls.push({
      id: 'target-date',
      group: 'target',
      label: 'targetDate',
      unit: 'unitDate',
      kind: 'date',
      path: 'target.date',
      fileValue: scenario.target.date,
      min: 0,
      max: 0,
      step: 1,
    });
  }
  controls.push({
    id: 'replications',
    group: 'run',
    label: 'replications',
    unit: 'unitRuns',
    kind: 'number',
    path: '',
    fileValue: scenario.replications,
    min: 100,
    max: Math.max(10_000, scenario.replications),
    step: 100,
  });
  controls.push({
    id: 'seed',
    group: 'run',
    label: 'seed',
    unit: 'unitNumber',
    kind: 'number',
    path: '',
    fileValue: scenario.seed,
    min: 0,
    max: Math.max(10_000, scenario.seed),
    step: 1,
  });
  return controls;
}
