import { FormatRegistry, Type } from '@sinclair/typebox';
import type { Static, TSchema } from '@sinclair/typebox';
import { dayNumber, inDateRange } from '../../time/weeks.js';

/**
 * The scenario file format, defined once. From this schema come the raw
 * document type (`ScenarioDocument`), the checks and their messages
 * (`checkSchema`), `scenarios/schema.json` for editors and the field
 * reference in `docs/scenarios.md` (`npm run schema`).
 *
 * Annotations besides JSON Schema's own: `x-unit` (the unit of a number) and
 * `x-default` (a default that depends on other fields, in words). A static
 * default is JSON Schema's `default`. Mutually exclusive keys of a mapping are
 * a `oneOf` of `required` lists: exactly one of them must be present.
 *
 * Not a stage of the pipeline: what the stages read (the merge, the check,
 * the defaults) and what json-schema.ts and reference-tables.ts publish.
 */

/** Largest horizon: a hundred years of weeks. */
export const MAX_WEEKS = 5200;
/** Stands for "no maximum" in `inflowPlusMargin.max`: finite so that the resolved scenario survives JSON. */
export const NO_MAXIMUM = 1e9;
/**
 * Largest mean inflow a week: ten times the largest tested (10,000 a week).
 * The per-week histograms grow with the spread of the backlog, which grows
 * with the inflow: far above this, a long horizon would need gigabytes.
 */
export const MAX_INFLOW_PER_WEEK = 100_000;
/** Largest capacity a week (decisions or hours) and count of open cases: far beyond any plan, still exact in floating point. */
export const MAX_UNITS = 1e9;
/** Largest staff: FTE in a pool and FTE lost a quarter. */
export const MAX_FTE = 1_000_000;
/** Hours in a week: the most one FTE can be paid for. */
export const HOURS_IN_A_WEEK = 168;

// The loader checks documents with its own walk (check/check-schema.ts); this lets TypeBox's Value.Check read
// `format: 'date'` the same way, for code that checks a document against the schema with TypeBox (the tests do).
if (!FormatRegistry.Has('date'))
  FormatRegistry.Set('date', (value) => {
    const day = dayNumber(value);
    return day !== null && inDateRange(day);
  });

/** The days of the week as scenarios name them, Monday first (ISO order). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** The working days when a scenario names none: Monday to Friday. */
export const DEFAULT_WORK_WEEK = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

const date = (description: string) => Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });

/**
 * A schedule of dated values (`{ 2024-01-01: 12, 2024-04-01: 14 }`), each
 * from the week its date falls in; every date must exist in the calendar.
 * The checks say which date the first must be on or before.
 */
const datedValues = (value: ReturnType<typeof Type.Number>) =>
  Type.Record(Type.String(), value, {
    title: 'dated values',
    minProperties: 1,
    propertyNames: { format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a date YYYY-MM-DD' },
    description: 'The value from each date on.',
  });

/**
 * A number that may change over time: a plain number, or a schedule of dated
 * values (`{ 2024-01-01: 12, 2024-04-01: 14 }`), each from the week its date
 * falls in. The schedule must give the value at the start (a date on or
 * before it); every date must exist in the calendar. Used for capacity
 * (`perWeek`, `perYear`, staff) and the inflow (`meanPerWeek`);
 * `inflow.observed.futureMeanPerWeek` takes dated values too, beside its words.
 */
const scheduled = (
  value: ReturnType<typeof Type.Number>,
  options: { description: string; default?: number; 'x-unit': string },
) =>
  Type.Union([value, datedValues(value)], {
    ...options,
    description: `${options.description} A number, or a schedule of dated values { YYYY-MM-DD: value } from each date on.`,
  });

/** Exactly one of these keys: JSON Schema's `oneOf` of `required` lists. */
const exactlyOneOf = (...keys: string[]) => ({ oneOf: keys.map((key) => ({ required: [key] })) });

const InflowPlusMargin = Type.Object(
  {
    margin: Type.Number({
      minimum: -1,
      maximum: 100,
      description: 'Decisions planned above the trailing inflow, as a fraction: 0.10 plans 10% more than comes in.',
      'x-unit': 'fraction',
    }),
    trailingWeeks: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_WEEKS,
        default: 4,
        description: 'Weeks of inflow averaged, this week included (fewer at the start).',
        'x-unit': 'weeks',
      }),
    ),
    min: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: MAX_UNITS,
        default: 0,
        description: 'Lowest capacity in a week.',
        'x-unit': 'decisions/week',
      }),
    ),
    max: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: MAX_UNITS,
        default: NO_MAXIMUM,
        description: 'Highest capacity in a week; at least `min`. The default 1e9 means no practical maximum.',
        'x-unit': 'decisions/week',
      }),
    ),
    lanes: Type.Optional(
      Type.Array(Type.String(), {
        minItems: 1,
        uniqueItems: true,
        description:
          "The lanes whose arrivals (refilings included) the capacity follows, e.g. [incomplete, hearing-free]; absent: every lane's, the total inflow.",
      }),
    ),
    delayWeeks: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: MAX_WEEKS,
        default: 0,
        description:
          "Reaction delay: week t's capacity follows the trailing inflow up to week t - delayWeeks (hiring or moving staff takes time). Before the first such week it follows the plan's mean inflow of week 0.",
        'x-unit': 'weeks',
      }),
    ),
  },
  {
    additionalProperties: false,
    description:
      '(1 + margin) x the mean inflow (of all lanes, or of `lanes`) of the trailing weeks, up to `delayWeeks` ago, clamped to [min, max]. Counts decisions.',
  },
);

/** A rule that adds staff to a pool while a backlog stays high: see docs/model.md. */
const Trigger = Type.Object(
  {
    name: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z][A-Za-z0-9_+-]*$',
        description: 'A name for the reports: letters, digits, -, _ and +, starting with a letter.',
        'x-default': "the lanes' names joined by +",
      }),
    ),
    lanes: Type.Array(Type.String(), {
      minItems: 1,
      uniqueItems: true,
      description: 'The lanes whose open cases together are watched, e.g. [incomplete].',
    }),
    above: Type.Number({
      minimum: 0,
      maximum: MAX_UNITS,
      description:
        'The rule fires when the backlog of its lanes at the end of a week is above this for forWeeks weeks in a row.',
      'x-unit': 'cases',
    }),
    forWeeks: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_WEEKS,
        default: 1,
        description: 'Consecutive weeks above `above` that fire the rule.',
        'x-unit': 'weeks',
      }),
    ),
    fte: Type.Number({
      exclusiveMinimum: 0,
      maximum: MAX_FTE,
      description:
        "Staff added to the pool while the rule is on, in the pool's units: x hoursPerFteWeek x productiveShare hours (of the staff policy or the conversion), / the hours of a decision in a pool counting decisions.",
      'x-unit': 'FTE',
    }),
    delayWeeks: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: MAX_WEEKS,
        default: 0,
        description:
          'Weeks between the firing and the first week the staff work: fired at the end of week t, they work from week t + 1 + delayWeeks.',
        'x-unit': 'weeks',
      }),
    ),
    below: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: MAX_UNITS,
        description:
          'The staff leave after the first week they worked at whose end the backlog of the lanes is below this; at most `above`.',
        'x-unit': 'cases',
        'x-default': 'above',
      }),
    ),
  },
  {
    additionalProperties: false,
    description:
      "Extra FTE while a backlog stays high: when the lanes' open cases at the end of a week have been above `above` for `forWeeks` weeks in a row, `fte` FTE join the pool `delayWeeks` weeks later and stay until the backlog is below `below`.",
  },
);

/** The cost of an FTE-year: in a staff pool, or in the `conversion` of a plan counted in decisions. */
const COST_PER_FTE_YEAR = Type.Optional(
  Type.Number({
    minimum: 0,
    maximum: MAX_UNITS,
    description: 'Cost of one paid FTE for a year; with it, runs report the staff cost and the cost per decision.',
    'x-unit': 'currency/FTE-year',
  }),
);

const Staff = Type.Object(
  {
    fte: scheduled(Type.Number({ minimum: 0, maximum: MAX_FTE }), {
      description: 'Full-time equivalent staff.',
      'x-unit': 'FTE',
    }),
    hoursPerFteWeek: Type.Optional(
      scheduled(Type.Number({ exclusiveMinimum: 0, maximum: HOURS_IN_A_WEEK }), {
        default: 36,
        description: 'Paid hours of one FTE in a week.',
        'x-unit': 'hours/week',
      }),
    ),
    productiveShare: Type.Optional(
      scheduled(Type.Number({ exclusiveMinimum: 0, maximum: 1 }), {
        default: 1,
        description: 'Share of the paid hours spent deciding cases (not leave, training, meetings).',
        'x-unit': 'fraction',
      }),
    ),
    rampUpWeeks: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: MAX_WEEKS,
        default: 0,
        description:
          'Weeks until new staff (an increase of fte in its schedule) work at full productivity; they gain it evenly over these weeks.',
        'x-unit': 'weeks',
      }),
    ),
    attritionPerQuarter: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: MAX_FTE,
        default: 0,
        description: 'FTE lost per quarter (13 weeks), evenly week by week, from the start.',
        'x-unit': 'FTE/quarter',
      }),
    ),
    costPerFteYear: COST_PER_FTE_YEAR,
  },
  {
    additionalProperties: false,
    description:
      'Staff hours: fte x hoursPerFteWeek x productiveShare hours per week, less new staff still ramping up. Counts hours.',
  },
);

/** The staff a pool counted in decisions (or hours) takes, for its FTE and cost; a staff pool states them itself. */
const Conversion = Type.Object(
  {
    hoursPerFteWeek: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: HOURS_IN_A_WEEK,
        default: 36,
        description: 'Paid hours of one FTE in a week.',
        'x-unit': 'hours/week',
      }),
    ),
    productiveShare: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 1,
        default: 1,
        description: 'Share of the paid hours spent deciding cases (not leave, training, meetings).',
        'x-unit': 'fraction',
      }),
    ),
    costPerFteYear: COST_PER_FTE_YEAR,
  },
  {
    additionalProperties: false,
    // A child that replaces the policy with staff drops a base's conversion (merge-nodes.ts).
    'x-only-with': ['perWeek', 'perYear', 'inflowPlusMargin'],
    description:
      'The staff the planned capacity takes, to report its FTE and cost and to make it a target lever ' +
      '(target --lever fte): paid FTE a week = the capacity planned that week (before the calendar and ' +
      'any uncertainty; inflowPlusMargin at the mean inflow) x hours per unit / (hoursPerFteWeek x ' +
      'productiveShare). A pool counted in hours takes 1 hour per unit; one counted in decisions the ' +
      "lanes' hoursPerDecision, weighted by their shares of the inflow (a dedicated pool: its lane's), so " +
      'every lane it serves needs hoursPerDecision. Not with staff, which states its FTE itself.',
  },
);

/** A capacity pool: the shared one, or a lane's dedicated one. */
const capacity = (what: string) =>
  Type.Object(
    {
      unit: Type.Optional(
        Type.Union([Type.Literal('decisions'), Type.Literal('hours')], {
          description:
            'What the pool counts. With hours, a decision of a lane uses its hoursPerDecision. staff always counts hours; inflowPlusMargin always counts decisions.',
          'x-default': 'hours with staff, else decisions',
        }),
      ),
      perWeek: Type.Optional(
        scheduled(Type.Number({ minimum: 0, maximum: MAX_UNITS }), {
          description: 'A fixed capacity every week.',
          'x-unit': 'decisions (or hours)/week',
        }),
      ),
      perYear: Type.Optional(
        scheduled(Type.Number({ minimum: 0, maximum: 52 * MAX_UNITS }), {
          description: 'An annual plan spread evenly: perYear / 52 per week.',
          'x-unit': 'decisions (or hours)/year',
        }),
      ),
      inflowPlusMargin: Type.Optional(InflowPlusMargin),
      staff: Type.Optional(Staff),
      conversion: Type.Optional(Conversion),
      triggers: Type.Optional(
        Type.Array(Trigger, {
          minItems: 1,
          description:
            'Rules that add FTE to this pool while a backlog stays high. The pool needs staff figures to count an FTE in its units: a staff policy, or a conversion.',
        }),
      ),
    },
    {
      additionalProperties: false,
      description: `${what} Exactly one of perWeek, perYear, inflowPlusMargin or staff, and optionally its unit (and, without staff, a conversion to FTE). Fractional capacity carries over between weeks; unused capacity is lost.`,
      ...exactlyOneOf('perWeek', 'perYear', 'inflowPlusMargin', 'staff'),
    },
  );

/** Largest coefficient of variation of an uncertain factor: 3 (a lognormal factor's P95 is then about 1.9, its P99.9 about 15). */
const MAX_CV = 3;

const cv = (description: string) =>
  Type.Number({ minimum: 0, maximum: MAX_CV, description, 'x-unit': 'coefficient of variation (sd / mean)' });

const factor = (description: string) =>
  Type.Object(
    {
      cv: cv('Coefficient of variation of the factor (its mean is 1): 0.1 means a standard deviation of 10%.'),
      distribution: Type.Optional(
        Type.Union([Type.Literal('lognormal'), Type.Literal('gamma')], {
          default: 'lognormal',
          description:
            'lognormal (log factor normal: symmetric on the log scale, as year-to-year changes of counts are) or gamma (lighter upper tail).',
        }),
      ),
    },
    { additionalProperties: false, description },
  );

const weeklyNoise = (description: string) =>
  Type.Object(
    { cv: cv('Coefficient of variation of the weekly factor (gamma distributed, mean 1).') },
    { additionalProperties: false, description },
  );

const concentration = (description: string) =>
  Type.Object(
    {
      concentration: Type.Number({
        exclusiveMinimum: 0,
        maximum: 1e9,
        description:
          "Sum of the distribution's parameters: larger is tighter (about 1 / (concentration + 1) of p (1 - p) as variance).",
      }),
    },
    { additionalProperties: false, description },
  );

const Uncertainty = Type.Object(
  {
    inflow: Type.Optional(
      Type.Object(
        {
          level: Type.Optional(
            factor(
              "The inflow level of a replication: one factor with mean 1 on every week's mean inflow (a planning assumption that may be off).",
            ),
          ),
          drift: Type.Optional(
            Type.Object(
              {
                sdPerYear: Type.Number({
                  minimum: 0,
                  maximum: MAX_CV,
                  description:
                    'Standard deviation of the change of the log inflow level over 52 weeks: a random walk in weekly steps of sdPerYear / sqrt(52), with mean factor 1 every week.',
                  'x-unit': 'log level per year',
                }),
              },
              { additionalProperties: false, description: 'The inflow level drifts during the horizon.' },
            ),
          ),
          overdispersion: Type.Optional(
            weeklyNoise(
              "Weeks busier or quieter than Poisson: a gamma factor with mean 1 on each week's mean (all lanes), so weekly counts are negative binomial with size 1 / cv^2 (variance m + (cv m)^2).",
            ),
          ),
        },
        {
          additionalProperties: false,
          description: 'What is not known about the inflow (weeks after any replayed data).',
        },
      ),
    ),
    capacity: Type.Optional(
      Type.Object(
        {
          productivity: Type.Optional(
            factor(
              'Realised against planned capacity for the whole replication, every pool (decisions, hours, staff and inflow-following).',
            ),
          ),
          weekly: Type.Optional(
            weeklyNoise('Week-to-week variation of realised capacity (absence, other priorities), every pool.'),
          ),
        },
        { additionalProperties: false, description: 'How realised capacity differs from the plan.' },
      ),
    ),
    shares: Type.Optional(concentration("The lanes' shares of a replication: Dirichlet with the shares as means.")),
    grantRates: Type.Optional(
      concentration(
        "Each lane's grant rate in a replication: beta with the rate as mean (rates of 0 or 1 stay fixed).",
      ),
    ),
    source: Type.Optional(
      Type.String({ description: 'Where the figures come from (caseload uncertainty writes it).' }),
    ),
  },
  {
    additionalProperties: false,
    description:
      'What the plan does not know. Each factor has mean 1, so expected-value mode is unchanged; each is drawn from its own named stream, so options compared with the same seed see the same draws. Without it, inflow is Poisson around the plan and capacity is the plan.',
  },
);

const ObservedInflow = Type.Object(
  {
    file: Type.String({
      minLength: 1,
      description:
        'A CSV file of observed counts, with a header row; the path is relative to the scenario file that names it.',
    }),
    dateColumn: Type.Optional(
      Type.String({ minLength: 1, default: 'date', description: 'The column of the period dates (YYYY-MM-DD).' }),
    ),
    countColumn: Type.Optional(
      Type.String({ minLength: 1, default: 'count', description: 'The column of the counts (whole numbers >= 0).' }),
    ),
    period: Type.Union([Type.Literal('week'), Type.Literal('month')], {
      description:
        'What a row counts: week, the week starting on its date (a week start of the scenario: start + ' +
        '7k); month, the month starting on its date (the first of a month), spread over the weeks by ' +
        'days.',
    }),
    futureMeanPerWeek: Type.Union(
      [
        Type.Number({ minimum: 0, maximum: MAX_INFLOW_PER_WEEK }),
        Type.Literal('trailing'),
        Type.Literal('trend'),
        Type.Literal('seasonal'),
        datedValues(Type.Number({ minimum: 0, maximum: MAX_INFLOW_PER_WEEK })),
      ],
      {
        description:
          'Poisson mean of the arrivals in the weeks after the data: a number; trailing, the mean weekly ' +
          'count of the last 13 weeks of data; trend, the least-squares line through all the weekly counts ' +
          'of the data, continued (never below 0); seasonal, the mean of the last 52 weeks of data ' +
          "times the month's factor in the data (needs at least 52 weeks of data); or a schedule of dated " +
          'values { YYYY-MM-DD: value }, each from the week its date falls in, the last to the end of any ' +
          'horizon, whose first date is on or before the first day of the first week after the data.',
        'x-unit': 'cases/week',
      },
    ),
  },
  {
    additionalProperties: false,
    description:
      'Observed inflow from a CSV: the weeks the data covers from the start on replay its counts exactly (split over the lanes by their shares); later weeks are Poisson with futureMeanPerWeek.',
  },
);

const Inflow = Type.Object(
  {
    meanPerWeek: Type.Optional(
      scheduled(Type.Number({ minimum: 0, maximum: MAX_INFLOW_PER_WEEK }), {
        description:
          "Poisson mean of the arrivals in a week; a schedule's values hold from the week their date falls in, the last to the end of any horizon.",
        'x-unit': 'cases/week',
      }),
    ),
    weeklyMeans: Type.Optional(
      Type.Array(Type.Number({ minimum: 0, maximum: MAX_INFLOW_PER_WEEK, 'x-unit': 'cases/week' }), {
        minItems: 1,
        description:
          'Poisson mean of the arrivals per week, one value per week from the start; at least horizonWeeks values.',
        'x-unit': 'cases/week',
      }),
    ),
    observed: Type.Optional(ObservedInflow),
  },
  {
    additionalProperties: false,
    description: 'New cases (all lanes together): exactly one of meanPerWeek, weeklyMeans or observed.',
    ...exactlyOneOf('meanPerWeek', 'weeklyMeans', 'observed'),
  },
);

const CalendarEntry = Type.Object(
  {
    from: date('First day scaled.'),
    to: date('Last day scaled (inclusive); not before from.'),
    scale: Type.Number({
      minimum: 0,
      maximum: 100,
      description:
        'Capacity factor on the working days covered: 0.7 is 70% of the normal capacity. A week is scaled by the share of its working days covered (see workWeek); on a day several periods cover, the lowest scale applies.',
      'x-unit': 'factor',
    }),
    label: Type.Optional(Type.String({ description: 'A name for the period, e.g. summer.' })),
  },
  { additionalProperties: false, description: 'A period with more or less capacity (holidays).' },
);

const LANE_NAME_PATTERN_TEXT = '^(?!(?:total|all)$)[A-Za-z][A-Za-z0-9_-]*$';

const hazard = (description: string) =>
  Type.Number({ minimum: 0, exclusiveMaximum: 1, description, 'x-unit': 'probability per open case per week' });

/** Open cases that leave without a decision: withdrawn, departed, absorbed into another procedure. */
const Withdrawals = Type.Object(
  {
    perWeek: Type.Optional(hazard('The weekly hazard: the probability that an open case leaves in a week.')),
    byAge: Type.Optional(
      Type.Record(Type.String(), hazard('The weekly hazard from this age on.'), {
        minProperties: 1,
        propertyNames: { pattern: '^(0|[1-9][0-9]{0,3})$', description: 'an age in whole weeks, from 0' },
        description:
          'The weekly hazard by the age of the case (weeks since filing): { 0: 0.001, 26: 0.004 } means 0.001 a week until 26 weeks, 0.004 after. Must give age 0.',
      }),
    ),
  },
  {
    additionalProperties: false,
    description:
      'Open cases leave without a decision, each independently with a weekly hazard, at the start of each week (before the inflow). Exactly one of perWeek or byAge.',
    ...exactlyOneOf('perWeek', 'byAge'),
  },
);

/** Refused applicants who file again: a new subsequent application after a delay. */
const Refiling = Type.Object(
  {
    probability: Type.Number({
      minimum: 0,
      maximum: 1,
      description: 'Probability that a refusal (a decision that is not a grant) returns as a new application.',
      'x-unit': 'probability',
    }),
    delayWeeks: Type.Optional(
      Type.Object(
        {
          mean: Type.Number({ exclusiveMinimum: 0, maximum: MAX_WEEKS, description: 'Mean delay.', 'x-unit': 'weeks' }),
          shape: Type.Optional(
            Type.Number({
              exclusiveMinimum: 0,
              maximum: 1000,
              default: 1,
              description: 'Gamma shape of the delay: 1 is exponential, larger is more regular.',
            }),
          ),
        },
        {
          additionalProperties: false,
          description:
            'The delay from refusal to the new filing: a gamma distribution with this mean and shape, in whole weeks (rounded up, at least 1).',
        },
      ),
    ),
    delayTable: Type.Optional(
      Type.Record(Type.String(), Type.Number({ minimum: 0, maximum: 1 }), {
        minProperties: 1,
        propertyNames: { pattern: '^[1-9][0-9]{0,3}$', description: 'a delay in whole weeks, from 1' },
        description: 'The delay as a table: { 13: 0.5, 26: 0.3, 52: 0.2 } (probabilities that sum to 1).',
      }),
    ),
    lanes: Type.Optional(
      Type.Record(Type.String(), Type.Number({ minimum: 0, maximum: 1 }), {
        minProperties: 1,
        propertyNames: { pattern: LANE_NAME_PATTERN_TEXT, description: 'a lane name' },
        description: "The lanes the new applications join, with shares that sum to 1; default the inflow's shares.",
      }),
    ),
  },
  {
    additionalProperties: false,
    description:
      'Refused applicants who file a new application after a delay: new arrivals with their own filing date. Exactly one of delayWeeks or delayTable.',
    ...exactlyOneOf('delayWeeks', 'delayTable'),
  },
);

const Transfer = Type.Object(
  {
    to: Type.String({ pattern: LANE_NAME_PATTERN_TEXT, description: 'The lane the case moves to.' }),
    probability: Type.Number({
      minimum: 0,
      maximum: 1,
      description:
        'Probability that a case moves: at the decision step, instead of being decided; with afterWeeks, when it is still open at that age.',
      'x-unit': 'probability',
    }),
    afterWeeks: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_WEEKS,
        description:
          'Move after a waiting time instead of at the decision step: an open case of this age (weeks since filing) moves at the start of the week, without spending capacity.',
        'x-unit': 'weeks',
      }),
    ),
  },
  {
    additionalProperties: false,
    description:
      'A move to another lane: at the decision step (the effort is spent), or with afterWeeks when the case is still open at that age.',
  },
);

const Lane = Type.Object(
  {
    share: Type.Number({
      minimum: 0,
      maximum: 1,
      description: 'Share of the total inflow; the shares of all lanes sum to 1.',
      'x-unit': 'fraction',
    }),
    priority: Type.Optional(
      Type.Number({
        description: 'Lower is served first; ties keep the order of the file.',
        'x-default': "the lane's position in lanes: 1, 2, ...",
      }),
    ),
    minWaitWeeks: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: MAX_WEEKS,
        default: 1,
        description:
          'Minimum procedural wait: a case that arrived in week a can be decided in week t when t - a >= minWaitWeeks.',
        'x-unit': 'weeks',
      }),
    ),
    grantRate: Type.Number({
      minimum: 0,
      maximum: 1,
      description: 'Probability that a decision is a grant.',
      'x-unit': 'fraction',
    }),
    hoursPerDecision: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: MAX_UNITS,
        description: "Effort of one decision; required when the shared pool or this lane's own capacity counts hours.",
        'x-unit': 'hours',
      }),
    ),
    capacity: Type.Optional(
      capacity('Capacity only this lane uses, before the shared pool; same fields as the shared capacity.'),
    ),
    withdrawals: Type.Optional(Withdrawals),
    refiling: Type.Optional(Refiling),
    transfers: Type.Optional(
      Type.Array(Transfer, {
        minItems: 1,
        description:
          "Cases that move to another lane, keeping their filing date. At the decision step (no afterWeeks) a case moves instead of being decided: the effort is spent, and it joins the other lane's queue at the end of the week. With afterWeeks, a case still open at that age moves at the start of the week, no effort spent. A lane's probabilities at the decision step sum to at most 1, and so do those of each afterWeeks; transfers at the decision step may not form a cycle.",
      }),
    ),
  },
  { additionalProperties: false, description: 'A work type with its own queue (FIFO within the lane).' },
);

/** Lane names: letters, digits, - and _, starting with a letter; `total` and `all` are taken by the reports. */
export const LANE_NAME_PATTERN = LANE_NAME_PATTERN_TEXT;

const BacklogCount = Type.Integer({
  minimum: 0,
  maximum: MAX_UNITS,
  description: 'Open cases, spread evenly over the last initialBacklog.spreadWeeks weeks.',
  'x-unit': 'cases',
});

const BacklogSpread = Type.Object(
  {
    count: Type.Integer({ minimum: 0, maximum: MAX_UNITS, description: 'Open cases.', 'x-unit': 'cases' }),
    spreadWeeks: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 9999,
        description: 'Weeks over which the cases arrived, evenly.',
        'x-unit': 'weeks',
        'x-default': 'initialBacklog.spreadWeeks',
      }),
    ),
  },
  { additionalProperties: false, description: 'Open cases spread evenly over the last spreadWeeks weeks.' },
);

const BacklogByWeeksAgo = Type.Object(
  {
    byWeeksAgo: Type.Record(Type.String(), Type.Integer({ minimum: 0, maximum: MAX_UNITS, 'x-unit': 'cases' }), {
      title: 'counts by weeks ago',
      propertyNames: { pattern: '^[1-9][0-9]{0,3}$', description: 'weeks ago: a whole number from 1 to 9999' },
      description: 'Open cases by weeks before the start: 1 is the week just before week 0.',
      'x-unit': 'cases',
    }),
  },
  { additionalProperties: false, description: 'Open cases with their arrival weeks.' },
);

const BacklogFile = Type.Object(
  {
    file: Type.String({
      minLength: 1,
      description:
        'A CSV file of open cases by arrival period, with a header row; the path is relative to the scenario file that names it.',
    }),
    period: Type.Union([Type.Literal('week'), Type.Literal('month')], {
      description:
        'What a row counts: week, cases that arrived in the week starting on its date (a week start of ' +
        'the scenario, before the start); month, in the month starting on its date (the first of a ' +
        'month, the whole month before the start), spread over its weeks by days in whole numbers.',
    }),
    dateColumn: Type.Optional(
      Type.String({
        minLength: 1,
        default: 'date',
        description: 'The column of the arrival period dates (YYYY-MM-DD).',
      }),
    ),
    countColumn: Type.Optional(
      Type.String({
        minLength: 1,
        default: 'count',
        description: 'The column of the open cases (whole numbers >= 0).',
      }),
    ),
  },
  { additionalProperties: false, description: 'Open cases by arrival week or month, from a CSV.' },
);

/** The fields of a scenario document, but `variants`: what a variant may set too (see Variant). */
const scenarioFields = {
  name: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'Shown in reports.',
      'x-default': 'the file name without its extension',
    }),
  ),
  description: Type.Optional(Type.String({ description: 'Free text: what the scenario assumes and why.' })),
  extends: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'A base scenario file, relative to this file. Mappings merge key by key; lists and values are replaced.',
    }),
  ),
  start: date('First day of week 0. Week t covers the seven days from start + 7t.'),
  horizonWeeks: Type.Integer({
    minimum: 1,
    maximum: MAX_WEEKS,
    description: 'Weeks to simulate (command line: --horizon).',
    'x-unit': 'weeks',
  }),
  seed: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 4294967295,
      default: 1,
      description: 'Master seed of the random streams (command line: --seed).',
    }),
  ),
  replications: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 10_000_000,
      default: 1000,
      description: 'Simulated paths (command line: --reps).',
    }),
  ),
  inflow: Inflow,
  capacity: capacity('The shared pool: serves every lane after its dedicated capacity.'),
  calendar: Type.Optional(Type.Array(CalendarEntry, { default: [], description: 'Periods with scaled capacity.' })),
  calendars: Type.Optional(
    Type.Array(Type.String({ minLength: 1 }), {
      description:
        'Calendar files (relative to this file) whose periods are added to calendar: e.g. a holiday ' +
        'calendar per year, scenarios/calendars/nl-2024.yaml. Each is a YAML list of periods, or a ' +
        'mapping with a calendar: list.',
    }),
  ),
  workWeek: Type.Optional(
    Type.Array(Type.Union(WEEKDAYS.map((day) => Type.Literal(day))), {
      minItems: 1,
      uniqueItems: true,
      default: [...DEFAULT_WORK_WEEK],
      description:
        "The working days: a week's capacity is spread over them, and a calendar period changes only the " +
        'working days it covers (a holiday on a Saturday costs nothing). Each day once, e.g. [mon, tue, wed, thu].',
    }),
  ),
  lanes: Type.Record(Type.String(), Lane, {
    title: 'lanes by name',
    minProperties: 1,
    propertyNames: {
      pattern: LANE_NAME_PATTERN,
      description: 'a lane name: letters, digits, - and _, starting with a letter, not "total" or "all"',
    },
    description: 'The work types by name, at least one; lanes are listed in file order.',
  }),
  initialBacklog: Type.Optional(
    Type.Object(
      {
        spreadWeeks: Type.Optional(
          Type.Integer({
            minimum: 1,
            maximum: 9999,
            default: 52,
            description:
              'Plain counts are spread evenly over the last spreadWeeks weeks: the i-th of n cases arrived in week -N + floor(i N / n).',
            'x-unit': 'weeks',
          }),
        ),
        lanes: Type.Optional(
          Type.Record(Type.String(), Type.Union([BacklogCount, BacklogSpread, BacklogByWeeksAgo, BacklogFile]), {
            title: 'open cases by lane name',
            description:
              'Open cases per lane name: a count, { count, spreadWeeks }, { byWeeksAgo: { 1: n, 2: n, ... } } ' +
              'or { file, period } (a CSV of counts by arrival week or month). Lanes not listed start empty.',
          }),
        ),
      },
      { additionalProperties: false, description: 'Open cases at the start.' },
    ),
  ),
  target: Type.Optional(
    Type.Object(
      {
        backlog: Type.Number({ minimum: 0, description: 'Total backlog to reach or go below.', 'x-unit': 'cases' }),
        date: date(
          'Date by which: the backlog at the end of the last whole week ending on or before it; within the horizon.',
        ),
      },
      { additionalProperties: false, description: 'A goal whose probability the run reports.' },
    ),
  ),
  observed: Type.Optional(
    Type.Object(
      {
        decisions: Type.Optional(
          Type.Number({ minimum: 0, description: 'Decisions over the horizon, all lanes.', 'x-unit': 'cases' }),
        ),
        endBacklog: Type.Optional(
          Type.Number({ minimum: 0, description: 'Total backlog at the end of the horizon.', 'x-unit': 'cases' }),
        ),
        meanLeadTimeDays: Type.Optional(
          Type.Number({
            minimum: 0,
            description: 'Mean lead time (filing to decision) of the cases decided, all lanes.',
            'x-unit': 'days',
          }),
        ),
        leadTimeDays: Type.Optional(
          Type.Record(Type.String(), Type.Number({ minimum: 0, 'x-unit': 'days' }), {
            propertyNames: { pattern: LANE_NAME_PATTERN, description: 'a lane name' },
            description: 'Mean lead time per lane, by lane name.',
            'x-unit': 'days',
          }),
        ),
        source: Type.Optional(Type.String({ description: 'Where the figures come from.' })),
      },
      {
        additionalProperties: false,
        description: 'Published figures of the period, which caseload backtest compares the simulation with.',
      },
    ),
  ),
  uncertainty: Type.Optional(Uncertainty),
};

/** Fields a variant cannot set: it is chosen inside its file's chain, so it has no chain or variants of its own. */
export const NOT_IN_VARIANTS = ['extends', 'variants'] as const;

/**
 * A variant: the fields of a scenario it sets, each optional, merged on top
 * of the scenario as a file that extends it would be. The loader checks a
 * variant after the merge (as part of the whole scenario); this schema is
 * for editors (scenarios/schema.json checks a variant's fields as a file
 * with `extends`, nothing required) and for the field reference.
 */
const Variant = Type.Partial(Type.Omit(Type.Object(scenarioFields), NOT_IN_VARIANTS), {
  additionalProperties: false,
  'x-default': "the scenario's value",
  description:
    'The fields a variant sets, each as a file that extends this scenario would set it: mappings merge key ' +
    'by key, anything else replaces the value. Every field of the top level but extends and variants; ' +
    'nothing is required, and the merged scenario is checked as a whole.',
});

/** The scenario document as a user writes it, before `extends`, overrides and defaults. */
export const ScenarioDocumentSchema = Type.Object(
  {
    ...scenarioFields,
    variants: Type.Optional(
      Type.Record(Type.String(), Variant, {
        title: 'variants by name',
        propertyNames: {
          pattern: LANE_NAME_PATTERN,
          description: 'a variant name: letters, digits, - and _, starting with a letter',
        },
        description:
          'Named variants of this scenario, each a mapping of fields set as a file that extends this one ' +
          'would. Load one as file.yaml#name; caseload compare file.yaml compares the scenario with each.',
      }),
    ),
  },
  {
    additionalProperties: false,
    title: 'caseload scenario',
    description: 'A caseload scenario: inflow, capacity and lanes of a case backlog, simulated week by week.',
  },
);

/** The raw document type, as written (optional fields may be absent). */
export type ScenarioDocument = Static<typeof ScenarioDocumentSchema>;

/** Static defaults, read from the schema so they are stated once. */
export const DEFAULTS = {
  seed: defaultOf(ScenarioDocumentSchema.properties.seed),
  replications: defaultOf(ScenarioDocumentSchema.properties.replications),
  spreadWeeks: defaultOf(ScenarioDocumentSchema.properties.initialBacklog.properties.spreadWeeks),
  minWaitWeeks: defaultOf(Lane.properties.minWaitWeeks),
  trailingWeeks: defaultOf(InflowPlusMargin.properties.trailingWeeks),
  marginMin: defaultOf(InflowPlusMargin.properties.min),
  marginMax: defaultOf(InflowPlusMargin.properties.max),
  followDelayWeeks: defaultOf(InflowPlusMargin.properties.delayWeeks),
  triggerForWeeks: defaultOf(Trigger.properties.forWeeks),
  triggerDelayWeeks: defaultOf(Trigger.properties.delayWeeks),
  hoursPerFteWeek: defaultOf(Staff.properties.hoursPerFteWeek),
  productiveShare: defaultOf(Staff.properties.productiveShare),
  conversionHoursPerFteWeek: defaultOf(Conversion.properties.hoursPerFteWeek),
  conversionProductiveShare: defaultOf(Conversion.properties.productiveShare),
  rampUpWeeks: defaultOf(Staff.properties.rampUpWeeks),
  attritionPerQuarter: defaultOf(Staff.properties.attritionPerQuarter),
  dateColumn: textDefaultOf(ObservedInflow.properties.dateColumn),
  countColumn: textDefaultOf(ObservedInflow.properties.countColumn),
} as const;

function textDefaultOf(schema: TSchema): string {
  const value: unknown = schema.default;
  if (typeof value !== 'string') throw new Error('schema field without a text default');
  return value;
}

function defaultOf(schema: TSchema): number {
  const value: unknown = schema.default;
  if (typeof value !== 'number') throw new Error('schema field without a numeric default');
  return value;
}
