import type { Lang } from '../../i18n/lang.js';

/**
 * The English words of the HTML report, one text per key. `{name}` marks a
 * value filled in (see fill); a key ending in `Html` holds inline markup and
 * is written as it is, every other text is escaped where it is written.
 */
const en = {
  // The page
  pageTitle: '{scenario}: caseload report',
  modeDeterministic: 'deterministic (expected values, one path)',
  modeReplications: '{reps} replications, seed {seed}',
  metaSpan: '{mode}; {weeks} weeks, {start} to {end}. ',
  metaFileHtml: 'Scenario file <code>{file}</code>.',

  // Key figures
  keyFiguresLabel: 'Key figures',
  figureEndBacklog: 'Open cases on {date}',
  figureEndBacklogPath: 'expected-value path',
  figureEndBacklogNote: 'median; 90% between {p5} and {p95}',
  figureStartBacklog: 'Open cases at the start',
  figureTarget: 'Chance of ≤ {backlog} by {date}',
  figureTargetPath: 'on the expected-value path',
  figureTargetNote: 'share of the {reps} replications that reach the target, 95% interval {interval}; {forOnePoint}',
  forOnePoint: 'about {reps} replications would give ±1 percentage point',
  figureLeadTime: 'Lead time of decided cases',
  figureLeadTimeValue: '{days} days',
  figureLeadTimeNote: 'median; 90% within {p90} days, mean {mean}',
  figureDecisions: 'Decisions in the horizon',
  figureDecisionsNote: '{perWeek} a week; {arrivals} new applications',
  figureCapacity: 'Capacity in the {weeks} weeks',
  figureCapacityNote: 'realised (after the calendar, ramp-up and uncertainty, mean per replication); {planned}',
  figureCapacityFollows: 'it follows the inflow',
  figureCapacityPlanned: 'planned {planned} as written',
  figureStaff: 'Staff',
  figureStaffValue: '{fte} FTE',
  figureStaffNote: 'paid on average; {hours} productive hours a week',
  figureCost: 'Staff cost',
  figureCostPerDecision: '{cost} per decision of the pools with a cost',
  uncostedOne: '{pools} ({decisions} decisions) has no cost in the scenario and is not counted',
  uncostedMany: '{pools} ({decisions} decisions) have no cost in the scenario and are not counted',
  poolsAnd: ' and ',
  poolShared: 'the shared capacity',
  poolOwn: "{lane}'s own capacity",
  unitDecisions: 'decisions',
  unitHours: 'hours',

  // Warnings
  warningsLabel: 'Warnings about the scenario',
  warningsOneHtml:
    'This value is allowed, but almost surely meant otherwise. The figures in this report were computed with it as written: correct it in its file and run again (<code>--strict</code> refuses such values).',
  warningsManyHtml:
    'These {count} values are allowed, but almost surely meant otherwise. The figures in this report were computed with them as written: correct them in their files and run again (<code>--strict</code> refuses such values).',
  headOption: 'option',
  headWhere: 'where',
  headField: 'field',
  headWarning: 'warning',

  // Projection
  projection: 'Projection',
  fanTitle: 'Total backlog at the end of each week',
  fanCaption:
    'The median of the replications (line), the middle 50% (dark band) and 90% (light band) of them, and the expected-value path (dashed).',
  targetReachedPath: 'The target of {backlog} open cases by {date} is reached on the expected-value path.',
  targetMissedPath: 'The target of {backlog} open cases by {date} is not reached on the expected-value path.',
  targetReachedIn:
    'The target of {backlog} open cases by {date} is reached in {probability} of the {reps} replications; {forOnePoint}.',
  lanesTitle: 'Backlog by lane (mean, stacked)',
  lanesCaption:
    'Mean open cases per lane at the end of each week; lanes in priority order ({lanes}), the first at the bottom.',
  decisionsTitle: 'Decisions per week against capacity',
  decisionsCaption:
    'Mean decisions per week over the replications, and the capacity of the week in decisions{hours}; holidays lower the capacity. Where decisions fall short of the capacity, too few cases were past their minimum wait.',
  decisionsCaptionHours: " (a pool counted in hours divided by the mean hours per decision of that week's decisions)",
  leadTimeTitle: 'Lead time of the cases decided in the horizon',
  leadTimeCaption:
    "Share of each lane's decided cases decided within a number of days of filing; the marks show the median (P50) and P90. Cases still open at the end are not counted.",

  // Where the band comes from
  bandHeading: 'Where the band comes from',
  bandDeterministic: 'A deterministic run has no band: one expected-value path, with every percentile equal to it.',
  bandIncludes: 'The bands of the charts above include:',
  bandIncludesOnly: 'The bands of the charts above include only:',
  bandOnlyHtml:
    "The inflow level and the capacity are taken as known: they are the scenario's values, exactly, in every replication. The band shows only the chance in the weekly arrivals, not what the plan does not know about its own figures; an <code>uncertainty:</code> block in the scenario adds that.",
  spreadHeading: 'Per replication over the {weeks} weeks ({reps} replications)',
  spreadArrivals: 'new applications (arrivals)',
  spreadDecisions: 'decisions',
  spreadEndBacklog: 'backlog at the end ({date})',
  headMean: 'mean',
  bandNoSplit: "The split of the band by source and the sensitivity to each parameter are not in this run's results.",
  varianceTitle: 'Variance of the backlog at the end, by source',
  varianceCaption:
    "Each source's part of the variance of the open cases on {date} over the replications (sd {sd}), from {runs} runs. {method} The percentages are rounded so that they still add up to 100%.",
  headSource: 'source',
  headShare: 'share',
  headAsSd: 'as sd',
  sensitivityHeading: 'Sensitivity',
  sensitivityNone: 'No parameter of the uncertainty block has a single P10 and P90 setting, so there is no tornado.',
  sensitivityNotShown:
    'Not in the tornado, as they have no single P10 or P90 setting (their part is in the variance above): {parameters}.',
  tornadoTitle: 'Sensitivity of the backlog at the end to each parameter',
  tornadoCaption:
    "The mean open cases on {date} with one parameter at its P10 (orange) or its P90 (blue) and every other source of uncertainty off, against {base} with all at their means (the vertical line); the Poisson noise of the arrivals stays in every run. The labels at the ends of a bar give the parameter there, as a factor on the scenario's value (for the inflow drift, the level reached by the last week).",
  tornadoCaptionTarget: ' The dashed line is the target of {backlog} open cases by {date}.',
  headParameter: 'parameter',
  headAtP10: 'at P10',
  headMeanEndBacklog: 'mean end backlog',
  headTargetProbability: 'P(target), 95% interval',
  headAtP90: 'at P90',
  sensitivityWithTarget:
    'With every parameter at its mean the target is reached in {base} of the replications; in the run, where the parameters vary, in {run}.',

  // Options compared
  optionsHeading: 'Options compared',
  optionsChartTitle: 'End backlog and lead time by option',
  optionsChartCaption:
    'Every option ran the same replications with the same random numbers as the base (common random numbers), so the change against the base is measured pair by pair; its 95% interval is printed on each row.',
  badgeBase: 'base',
  capacityHeading: 'Capacity and cost over the {weeks} weeks',
  capacityHeadingUnit: 'Capacity and cost over the {weeks} weeks ({unit})',
  headCapacityPlanned: 'capacity as planned',
  headPlanned: 'planned',
  headRealised: 'realised',
  headDecisions: 'decisions',
  headFtePaid: 'FTE paid',
  headStaffCost: 'staff cost',
  headPerDecision: 'per decision',
  headExtraDecisions: 'extra decisions',
  headExtraCost: 'extra cost per extra decision',
  followsInflow: 'follows the inflow',
  capacityNote:
    "Planned: the capacity as written, a lane's own capacity included (in the shared pool's unit, at that lane's hours per decision); realised: what the runs had after the calendar, the ramp-up of new staff and the uncertain productivity, and decisions: what they decided, both mean per replication.",
  capacityNoteCost: ' Staff cost: of the pools with costPerFteYear, per decision of those pools.',
  capacityNoteMarginal:
    ' Extra cost per extra decision: the cost above the base over the decisions above it (– when it decides no more).',
  uncostedDiffers:
    "{options}: the capacity without a cost differs from the base's; what that difference costs is not in the extra cost.",
  outcomeHeading: 'Outcome',
  headEndBacklogP50: 'end backlog P50',
  headChangeVsBase: 'change vs base (95% interval)',
  headBelowBase: 'P(below base)',
  headLeadTimeP50Days: 'lead time P50 (days)',
  changeInterval: '{mean} ({low} to {high})',
  optionsForOnePoint: "About {reps} replications would give every option's target probability to ±1 percentage point.",
  changesHeading: 'What each option changes',
  changesIntro:
    "The values of each option that differ from the base's ({base}), as written in its files, with the comment beside each; the base's are under Assumptions below.",
  changesNone: "No value differs from the base's.",
  headBase: 'base',
  headBasis: 'basis',
  headNote: 'note',
  notSet: '(not set)',

  // Basis of a value
  basisSource: 'source',
  basisAssumption: 'assumption',
  basisSetting: 'setting',
  basisNone: 'not stated',

  // Summary
  summaryHeading: 'Summary',
  quartersHeading: 'Total backlog at the quarter ends',
  headDate: 'date',
  headWeek: 'week',
  headIsoWeek: 'ISO week',
  headPath: 'expected-value path',
  rowStart: 'start',
  quartersNote:
    'The backlog at the end of each week. Weeks count from 0: {weeks}; ISO weeks as in ISO 8601 (Monday to Sunday).',
  weekSpan: 'week 0 (ISO {first}) to week {last} (ISO {lastIso})',
  weekSpanOne: 'week 0 (ISO {first}) only',
  weekSpanDays: '{span}; weeks run {from} to {to}, each with the ISO week that holds four or more of its days',
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
  byLaneHeading: 'Backlog by lane on {date}',
  headLane: 'lane',
  headStart: 'start',
  rowTotal: 'total',
  rowAll: 'all',
  outcomesHeading: 'Decisions and lead times (mean per replication; lead time in days from filing to decision)',
  headNewApplications: 'new applications',
  headGrants: 'grants',
  headRefusals: 'refusals',
  headGrantRate: 'grant rate',
  headLeadTimeMean: 'lead time mean',
  flowsHeading: 'Flows (mean per replication)',
  flowsIntro:
    'Arrivals that were refused applicants filing again (included in the new applications above), cases that moved between lanes keeping their filing date (a moved case is decided, and its lead time counted, in the lane it moved to), and open cases withdrawn without a decision.',
  headRefiled: 'of which refiled',
  headMovedIn: 'moved in',
  headMovedOut: 'moved out',
  headWithdrawn: 'withdrawn',

  // Assumptions
  assumptionsHeading: 'Assumptions',
  assumptionsIntroHtml:
    'Every value of the scenario as written in its files (after <code>extends</code>, calendars, variants and command-line overrides), with the comment beside it. ',
  assumptionsSource: '{count} values cite a published figure or data file; ',
  assumptionsAssumption: '{count} are assumptions; ',
  assumptionsSetting: '{count} set up the run; ',
  assumptionsNone: '{count} say neither. ',
  assumptionsDefaults: 'Fields not listed take their defaults (see docs/scenarios.md in caseload).',
  headValue: 'value',

  // Provenance
  provenanceHeading: 'Provenance',
  provenanceVersion: 'caseload version',
  provenanceHash: 'scenario hash (sha256)',
  provenanceFiles: 'scenario files (base last)',
  provenanceOptionHashes: 'scenario hashes of the options',
  provenanceSeed: 'seed',
  provenanceReplications: 'replications',
  provenanceDeterministic: 'deterministic (expected values)',
  provenanceGenerated: 'generated',
  provenanceSame:
    'The same scenario files, seed and replications give the same figures on any machine and with any number of worker threads.',

  // Probabilities
  probability: '{probability} (95% interval {interval})',

  // Charts: common
  axisOpenCases: 'open cases',
  axisDateEndOfWeek: 'date (end of week)',
  legendMedian: 'median',
  legendDeterministic: 'deterministic',
  legendTarget: 'target',

  // Fan chart
  fanSvgTitle: 'Total backlog per week',
  fanAria: 'Fan chart of the total backlog (open cases) per week from {from} to {to}',
  fanAriaMedian: ', median {median} at the end',
  fanAriaBands: ', with the P5–P95 and P25–P75 bands and the deterministic path',
  fanTarget: 'target {backlog} by {date}',
  fanTargetInterval: '{target}: P = {probability}',
  fanTargetPercent: '{target} (P = {percent})',

  // Lanes chart
  lanesSvgTitle: 'Backlog by lane (mean, stacked)',
  axisOpenCasesMean: 'open cases (mean)',
  noLanes: 'no lanes',
  lanesAria: 'Stacked area chart of the mean backlog (open cases) per lane per week from {from} to {to}',
  lanesAriaNone: ', without lanes.',
  lanesAriaLanes: '; lanes from the bottom: {lanes}.',

  // Decisions chart
  decisionsSvgTitle: 'Decisions per week',
  legendMeanDecisions: 'mean decisions per week',
  capacityDecisions: 'capacity (decisions a week)',
  capacityHours: "capacity (decisions a week; hours ÷ that week's mean hours per decision)",
  axisDecisionsPerWeek: 'decisions per week',
  axisWeekEndingOn: 'week (ending on)',
  decisionsAria: 'Bar chart of the mean decisions per week from {from} to {to}',
  decisionsAriaMean: ', on average {mean} a week',
  decisionsAriaCapacity: ', against the {capacity}',
  decisionsAriaCapacityMean: ' (on average {mean})',
  decisionsAriaEnd: ' as a step line.',

  // Lead-time chart
  leadTimeSvgTitle: 'Lead time of decided cases',
  noneDecidedLegend: '{lane} (none decided)',
  axisShareDecided: 'share of decided cases',
  axisDaysToDecision: 'days from filing to decision',
  leadTimeAriaNone: '{lane}: none decided',
  leadTimeAriaLane: '{lane}: P50 {p50} days, P90 {p90} days',
  leadTimeAria: 'Cumulative share of the decided cases by lead time from filing to decision, in days, per lane',
  withoutLanes: ', without lanes',

  // Options chart
  optionsSvgTitle: 'Options compared',
  legendMean: 'mean',
  legendLeadTimeP50: 'lead time P50',
  legendP50ToP90: 'P50 to P90',
  axisOpenCasesOn: 'open cases on {date}',
  axisLeadTimeDays: 'lead time, days',
  headEndBacklog: 'end backlog',
  headChangeCi: 'change vs base (95% CI)',
  headLeadTime: 'lead time',
  noOptions: 'no options',
  optionsAriaRow: '{label} median {median}',
  optionsAriaBase: '{label} (base) median {median}',
  optionsAriaChange: ', change {change}',
  optionsAriaOne: 'End backlog on {date} and lead time of {count} option',
  optionsAriaMany: 'End backlog on {date} and lead time of {count} options',

  // Variance chart
  varianceSvgTitle: 'Where the band comes from: variance by source',
  axisVariance: 'share of the variance of the open cases on {date} (sd {sd})',
  noSources: 'no sources',
  varianceAria: 'Bar chart of the variance of the open cases on {date} by source, in percent of the whole',

  // Tornado chart
  tornadoSvgTitle: 'Sensitivity of the end backlog to each parameter',
  legendAtP10: 'parameter at its P10',
  legendAtP90: 'at its P90',
  legendAllMeans: 'all at their means',
  axisMeanOpenCasesOn: 'mean open cases on {date}',
  allAtMeans: 'all at their means: {base}',
  noParameters: 'no parameters',
  tornadoAriaRow: '{label} {p10} at its P10 (×{p10Factor}) and {p90} at its P90 (×{p90Factor})',
  tornadoAria:
    'Tornado chart of the mean open cases on {date} with one parameter at its P10 or its P90 and the others at their means ({base} with all at their means)',

  // The run's words for its sources of uncertainty (see run/explain-uncertainty and run/summary)
  sourcePoisson: 'Poisson noise of weekly arrivals',
  sourcePoissonFlows: 'Poisson noise of arrivals, chance in the flows',
  sourceLevel: 'inflow level',
  sourceDrift: 'inflow drift',
  sourceOverdispersion: 'inflow overdispersion (busy and quiet weeks)',
  sourceProductivity: 'capacity productivity',
  sourceCapacityWeekly: 'capacity week to week',
  sourceShares: 'lane shares',
  sourceGrantRates: 'grant rates (refusals that file again)',
  sourceGrantRatesByLane: 'grant rates (a split by lane)',
  sourceGrantRatesGrants: 'grant rates (they move grants, not the backlog)',
  shapleyMethod:
    'Shapley decomposition: the scenario run with every subset of the sources switched on, under common random numbers; each source gets its added variance averaged over the orders of switching on. The parts add up to the variance with every source on; the rest is the Poisson noise of the arrivals.',
  bandPoisson: 'Poisson noise of the weekly arrivals',
  bandFlows: 'chance in the flows: which open cases withdraw, which move between lanes, which refusals file again',
  bandLevel: 'inflow level: {distribution} factor, cv {cv}',
  bandProductivity: 'capacity productivity: {distribution} factor, cv {cv}',
  bandDrift: 'inflow drift: random walk of the log level, sd {sd} a year',
  bandOverdispersion: 'inflow overdispersion: weekly gamma factor, cv {cv}',
  bandCapacityWeekly: 'capacity week to week: weekly gamma factor, cv {cv}',
  bandShares: 'lane shares: Dirichlet, concentration {concentration}',
  bandGrantRates: 'grant rates: beta, concentration {concentration}',

  // A capacity in a few words (see experiment/describe-capacity)
  capacityPerWeek: '{count} {unit} a week',
  capacityPerYear: '{count} {unit} a year',
  capacityInflow: 'inflow {margin}, at least {min} a week',
  capacityInflowMax: 'inflow {margin}, at least {min}, at most {max} a week',
  capacityStaff: '{fte} FTE ({hours} h a week)',
  capacityRampUp: ', ramp-up {weeks} weeks',
  capacityAttrition: ', losing {fte} FTE a quarter',
  capacityChanging: ', changing from {dates}',
  capacityFollows: ' (the inflow of {lanes})',
  capacityDelay: ', {weeks} weeks late',
  capacityTrigger: ', +{fte} FTE while {lanes} above {above}',
  capacityTriggerWeeks: ' for {weeks} weeks',
  capacityLane: '{lane}: {capacity}',
} as const;

/** A key of the report's catalog. */
export type ReportKey = keyof typeof en;

/** The report's words in one language: a text for every key. */
export type ReportText = Readonly<Record<ReportKey, string>>;

const nl: ReportText = {
  pageTitle: '{scenario}: caseload-rapport',
  modeDeterministic: 'deterministisch (verwachte waarden, één pad)',
  modeReplications: '{reps} herhalingen, seed {seed}',
  metaSpan: '{mode}; {weeks} weken, {start} tot en met {end}. ',
  metaFileHtml: 'Scenariobestand <code>{file}</code>.',

  keyFiguresLabel: 'Kerncijfers',
  figureEndBacklog: 'Openstaande zaken op {date}',
  figureEndBacklogPath: 'pad van de verwachte waarden',
  figureEndBacklogNote: 'mediaan; 90% tussen {p5} en {p95}',
  figureStartBacklog: 'Openstaande zaken bij de start',
  figureTarget: 'Kans op ≤ {backlog} op {date}',
  figureTargetPath: 'op het pad van de verwachte waarden',
  figureTargetNote: 'aandeel van de {reps} herhalingen dat het doel haalt, 95%-interval {interval}; {forOnePoint}',
  forOnePoint: 'ongeveer {reps} herhalingen zouden ±1 procentpunt geven',
  figureLeadTime: 'Doorlooptijd van besliste zaken',
  figureLeadTimeValue: '{days} dagen',
  figureLeadTimeNote: 'mediaan; 90% binnen {p90} dagen, gemiddeld {mean}',
  figureDecisions: 'Beslissingen in de periode',
  figureDecisionsNote: '{perWeek} per week; {arrivals} nieuwe aanvragen',
  figureCapacity: 'Capaciteit in de {weeks} weken',
  figureCapacityNote: 'gerealiseerd (na kalender, inwerktijd en onzekerheid, gemiddeld per herhaling); {planned}',
  figureCapacityFollows: 'ze volgt de instroom',
  figureCapacityPlanned: 'gepland {planned} zoals geschreven',
  figureStaff: 'Personeel',
  figureStaffValue: '{fte} fte',
  figureStaffNote: 'gemiddeld betaald; {hours} productieve uren per week',
  figureCost: 'Personeelskosten',
  figureCostPerDecision: '{cost} per beslissing van de capaciteit met kosten',
  uncostedOne: '{pools} ({decisions} beslissingen) heeft geen kosten in het scenario en telt niet mee',
  uncostedMany: '{pools} ({decisions} beslissingen) hebben geen kosten in het scenario en tellen niet mee',
  poolsAnd: ' en ',
  poolShared: 'de gedeelde capaciteit',
  poolOwn: 'de eigen capaciteit van {lane}',
  unitDecisions: 'beslissingen',
  unitHours: 'uren',

  warningsLabel: 'Waarschuwingen over het scenario',
  warningsOneHtml:
    'Deze waarde is toegestaan, maar vrijwel zeker anders bedoeld. De cijfers in dit rapport zijn berekend met de waarde zoals die er staat: verbeter haar in haar bestand en reken opnieuw (<code>--strict</code> weigert zulke waarden).',
  warningsManyHtml:
    'Deze {count} waarden zijn toegestaan, maar vrijwel zeker anders bedoeld. De cijfers in dit rapport zijn berekend met de waarden zoals die er staan: verbeter ze in hun bestanden en reken opnieuw (<code>--strict</code> weigert zulke waarden).',
  headOption: 'optie',
  headWhere: 'waar',
  headField: 'veld',
  headWarning: 'waarschuwing',

  projection: 'Prognose',
  fanTitle: 'Totale voorraad aan het eind van elke week',
  fanCaption:
    'De mediaan van de herhalingen (lijn), de middelste 50% (donkere band) en 90% (lichte band) ervan, en het pad van de verwachte waarden (gestreept).',
  targetReachedPath:
    'Het doel van {backlog} openstaande zaken op {date} wordt gehaald op het pad van de verwachte waarden.',
  targetMissedPath:
    'Het doel van {backlog} openstaande zaken op {date} wordt niet gehaald op het pad van de verwachte waarden.',
  targetReachedIn:
    'Het doel van {backlog} openstaande zaken op {date} wordt gehaald in {probability} van de {reps} herhalingen; {forOnePoint}.',
  lanesTitle: 'Voorraad per werksoort (gemiddeld, gestapeld)',
  lanesCaption:
    'Gemiddeld aantal openstaande zaken per werksoort aan het eind van elke week; werksoorten in volgorde van prioriteit ({lanes}), de eerste onderaan.',
  decisionsTitle: 'Beslissingen per week tegenover de capaciteit',
  decisionsCaption:
    'Gemiddeld aantal beslissingen per week over de herhalingen, en de capaciteit van de week in beslissingen{hours}; vakanties verlagen de capaciteit. Waar de beslissingen onder de capaciteit blijven, waren te weinig zaken voorbij hun minimale wachttijd.',
  decisionsCaptionHours:
    ' (capaciteit in uren gedeeld door het gemiddelde aantal uren per beslissing van de beslissingen van die week)',
  leadTimeTitle: 'Doorlooptijd van de zaken die in de periode zijn beslist',
  leadTimeCaption:
    'Aandeel van de besliste zaken van elke werksoort dat binnen een aantal dagen na indiening is beslist; de markeringen tonen de mediaan (P50) en P90. Zaken die aan het eind nog openstaan, tellen niet mee.',

  bandHeading: 'Waar de band vandaan komt',
  bandDeterministic:
    'Een deterministische berekening heeft geen band: één pad van verwachte waarden, met elk percentiel daaraan gelijk.',
  bandIncludes: 'De banden van de grafieken hierboven omvatten:',
  bandIncludesOnly: 'De banden van de grafieken hierboven omvatten alleen:',
  bandOnlyHtml:
    'Het niveau van de instroom en de capaciteit worden als bekend aangenomen: het zijn de waarden van het scenario, precies, in elke herhaling. De band toont alleen het toeval in de wekelijkse instroom, niet wat het plan niet weet over zijn eigen cijfers; een blok <code>uncertainty:</code> in het scenario voegt dat toe.',
  spreadHeading: 'Per herhaling over de {weeks} weken ({reps} herhalingen)',
  spreadArrivals: 'nieuwe aanvragen (instroom)',
  spreadDecisions: 'beslissingen',
  spreadEndBacklog: 'voorraad aan het eind ({date})',
  headMean: 'gemiddeld',
  bandNoSplit:
    'De verdeling van de band naar bron en de gevoeligheid voor elke parameter zitten niet in de resultaten van deze berekening.',
  varianceTitle: 'Variantie van de voorraad aan het eind, naar bron',
  varianceCaption:
    'Het deel van elke bron in de variantie van de openstaande zaken op {date} over de herhalingen (sd {sd}), uit {runs} berekeningen. {method} De percentages zijn zo afgerond dat ze samen nog steeds 100% zijn.',
  headSource: 'bron',
  headShare: 'aandeel',
  headAsSd: 'als sd',
  sensitivityHeading: 'Gevoeligheid',
  sensitivityNone:
    'Geen parameter van het onzekerheidsblok heeft één instelling voor P10 en P90, dus er is geen tornadodiagram.',
  sensitivityNotShown:
    'Niet in het tornadodiagram, omdat ze geen enkele instelling voor P10 of P90 hebben (hun deel zit in de variantie hierboven): {parameters}.',
  tornadoTitle: 'Gevoeligheid van de voorraad aan het eind voor elke parameter',
  tornadoCaption:
    'Het gemiddelde aantal openstaande zaken op {date} met één parameter op zijn P10 (oranje) of zijn P90 (blauw) en elke andere bron van onzekerheid uit, tegenover {base} met alle op hun gemiddelde (de verticale lijn); het Poisson-toeval van de instroom blijft in elke berekening. De labels aan de uiteinden van een balk geven de parameter daar, als factor op de waarde van het scenario (voor de drift van de instroom: het niveau in de laatste week).',
  tornadoCaptionTarget: ' De gestreepte lijn is het doel van {backlog} openstaande zaken op {date}.',
  headParameter: 'parameter',
  headAtP10: 'op P10',
  headMeanEndBacklog: 'gemiddelde eindvoorraad',
  headTargetProbability: 'P(doel), 95%-interval',
  headAtP90: 'op P90',
  sensitivityWithTarget:
    'Met elke parameter op zijn gemiddelde wordt het doel gehaald in {base} van de herhalingen; in de berekening, waarin de parameters variëren, in {run}.',

  optionsHeading: 'Opties vergeleken',
  optionsChartTitle: 'Eindvoorraad en doorlooptijd per optie',
  optionsChartCaption:
    'Elke optie rekende dezelfde herhalingen met dezelfde toevalsgetallen als de basis (common random numbers), dus het verschil met de basis is paar voor paar gemeten; het 95%-interval staat op elke rij.',
  badgeBase: 'basis',
  capacityHeading: 'Capaciteit en kosten over de {weeks} weken',
  capacityHeadingUnit: 'Capaciteit en kosten over de {weeks} weken ({unit})',
  headCapacityPlanned: 'capaciteit zoals gepland',
  headPlanned: 'gepland',
  headRealised: 'gerealiseerd',
  headDecisions: 'beslissingen',
  headFtePaid: 'fte betaald',
  headStaffCost: 'personeelskosten',
  headPerDecision: 'per beslissing',
  headExtraDecisions: 'extra beslissingen',
  headExtraCost: 'extra kosten per extra beslissing',
  followsInflow: 'volgt de instroom',
  capacityNote:
    'Gepland: de capaciteit zoals geschreven, inclusief de eigen capaciteit van een werksoort (in de eenheid van de gedeelde capaciteit, tegen de uren per beslissing van die werksoort); gerealiseerd: wat de berekeningen hadden na kalender, inwerktijd van nieuw personeel en onzekere productiviteit; en beslissingen: wat ze beslisten, beide gemiddeld per herhaling.',
  capacityNoteCost: ' Personeelskosten: van de capaciteit met costPerFteYear, per beslissing van die capaciteit.',
  capacityNoteMarginal:
    ' Extra kosten per extra beslissing: de kosten boven die van de basis gedeeld door de beslissingen daarboven (– als de optie niet meer beslist).',
  uncostedDiffers:
    '{options}: de capaciteit zonder kosten verschilt van die van de basis; wat dat verschil kost, zit niet in de extra kosten.',
  outcomeHeading: 'Uitkomst',
  headEndBacklogP50: 'eindvoorraad P50',
  headChangeVsBase: 'verschil met basis (95%-interval)',
  headBelowBase: 'P(onder basis)',
  headLeadTimeP50Days: 'doorlooptijd P50 (dagen)',
  changeInterval: '{mean} ({low} tot {high})',
  optionsForOnePoint:
    'Ongeveer {reps} herhalingen zouden de kans op het doel van elke optie tot op ±1 procentpunt geven.',
  changesHeading: 'Wat elke optie verandert',
  changesIntro:
    'De waarden van elke optie die verschillen van die van de basis ({base}), zoals geschreven in haar bestanden, met het commentaar erbij; die van de basis staan hieronder bij Aannames.',
  changesNone: 'Geen waarde verschilt van die van de basis.',
  headBase: 'basis',
  headBasis: 'grondslag',
  headNote: 'toelichting',
  notSet: '(niet gezet)',

  basisSource: 'bron',
  basisAssumption: 'aanname',
  basisSetting: 'instelling',
  basisNone: 'niet vermeld',

  summaryHeading: 'Overzicht',
  quartersHeading: 'Totale voorraad aan het eind van elk kwartaal',
  headDate: 'datum',
  headWeek: 'week',
  headIsoWeek: 'ISO-week',
  headPath: 'pad van de verwachte waarden',
  rowStart: 'start',
  quartersNote:
    'De voorraad aan het eind van elke week. Weken tellen vanaf 0: {weeks}; ISO-weken volgens ISO 8601 (maandag tot en met zondag).',
  weekSpan: 'week 0 (ISO {first}) tot en met week {last} (ISO {lastIso})',
  weekSpanOne: 'alleen week 0 (ISO {first})',
  weekSpanDays:
    '{span}; weken lopen van {from} tot en met {to}, elk met de ISO-week die vier of meer van zijn dagen bevat',
  monday: 'maandag',
  tuesday: 'dinsdag',
  wednesday: 'woensdag',
  thursday: 'donderdag',
  friday: 'vrijdag',
  saturday: 'zaterdag',
  sunday: 'zondag',
  byLaneHeading: 'Voorraad per werksoort op {date}',
  headLane: 'werksoort',
  headStart: 'start',
  rowTotal: 'totaal',
  rowAll: 'alle',
  outcomesHeading:
    'Beslissingen en doorlooptijden (gemiddeld per herhaling; doorlooptijd in dagen van indiening tot beslissing)',
  headNewApplications: 'nieuwe aanvragen',
  headGrants: 'inwilligingen',
  headRefusals: 'afwijzingen',
  headGrantRate: 'inwilligingspercentage',
  headLeadTimeMean: 'doorlooptijd gemiddeld',
  flowsHeading: 'Stromen (gemiddeld per herhaling)',
  flowsIntro:
    'Instroom van afgewezen aanvragers die opnieuw indienen (meegeteld in de nieuwe aanvragen hierboven), zaken die van werksoort wisselden met behoud van hun indieningsdatum (een gewisselde zaak wordt beslist, en haar doorlooptijd geteld, in de werksoort waarnaar ze ging), en openstaande zaken die zonder beslissing zijn ingetrokken.',
  headRefiled: 'waarvan opnieuw ingediend',
  headMovedIn: 'ingekomen',
  headMovedOut: 'uitgegaan',
  headWithdrawn: 'ingetrokken',

  assumptionsHeading: 'Aannames',
  assumptionsIntroHtml:
    'Elke waarde van het scenario zoals geschreven in zijn bestanden (na <code>extends</code>, kalenders, varianten en opties op de opdrachtregel), met het commentaar erbij. ',
  assumptionsSource: '{count} waarden noemen een gepubliceerd cijfer of een databestand; ',
  assumptionsAssumption: '{count} zijn aannames; ',
  assumptionsSetting: '{count} stellen de berekening in; ',
  assumptionsNone: '{count} vermelden geen van beide. ',
  assumptionsDefaults: 'Velden die niet genoemd zijn, krijgen hun standaardwaarde (zie docs/scenarios.md in caseload).',
  headValue: 'waarde',

  provenanceHeading: 'Herkomst',
  provenanceVersion: 'versie van caseload',
  provenanceHash: 'hash van het scenario (sha256)',
  provenanceFiles: 'scenariobestanden (basis als laatste)',
  provenanceOptionHashes: 'hashes van de scenario’s van de opties',
  provenanceSeed: 'seed',
  provenanceReplications: 'herhalingen',
  provenanceDeterministic: 'deterministisch (verwachte waarden)',
  provenanceGenerated: 'gemaakt',
  provenanceSame:
    'Dezelfde scenariobestanden, seed en herhalingen geven dezelfde cijfers op elke computer en met elk aantal worker threads.',

  probability: '{probability} (95%-interval {interval})',

  axisOpenCases: 'openstaande zaken',
  axisDateEndOfWeek: 'datum (eind van de week)',
  legendMedian: 'mediaan',
  legendDeterministic: 'deterministisch',
  legendTarget: 'doel',

  fanSvgTitle: 'Totale voorraad per week',
  fanAria: 'Waaiergrafiek van de totale voorraad (openstaande zaken) per week van {from} tot en met {to}',
  fanAriaMedian: ', mediaan {median} aan het eind',
  fanAriaBands: ', met de banden P5–P95 en P25–P75 en het deterministische pad',
  fanTarget: 'doel {backlog} op {date}',
  fanTargetInterval: '{target}: P = {probability}',
  fanTargetPercent: '{target} (P = {percent})',

  lanesSvgTitle: 'Voorraad per werksoort (gemiddeld, gestapeld)',
  axisOpenCasesMean: 'openstaande zaken (gemiddeld)',
  noLanes: 'geen werksoorten',
  lanesAria:
    'Gestapelde vlakgrafiek van de gemiddelde voorraad (openstaande zaken) per werksoort per week van {from} tot en met {to}',
  lanesAriaNone: ', zonder werksoorten.',
  lanesAriaLanes: '; werksoorten van onder naar boven: {lanes}.',

  decisionsSvgTitle: 'Beslissingen per week',
  legendMeanDecisions: 'gemiddelde beslissingen per week',
  capacityDecisions: 'capaciteit (beslissingen per week)',
  capacityHours: 'capaciteit (beslissingen per week; uren ÷ gemiddelde uren per beslissing van die week)',
  axisDecisionsPerWeek: 'beslissingen per week',
  axisWeekEndingOn: 'week (eindigend op)',
  decisionsAria: 'Staafgrafiek van de gemiddelde beslissingen per week van {from} tot en met {to}',
  decisionsAriaMean: ', gemiddeld {mean} per week',
  decisionsAriaCapacity: ', tegenover de {capacity}',
  decisionsAriaCapacityMean: ' (gemiddeld {mean})',
  decisionsAriaEnd: ' als traplijn.',

  leadTimeSvgTitle: 'Doorlooptijd van besliste zaken',
  noneDecidedLegend: '{lane} (niets beslist)',
  axisShareDecided: 'aandeel van de besliste zaken',
  axisDaysToDecision: 'dagen van indiening tot beslissing',
  leadTimeAriaNone: '{lane}: niets beslist',
  leadTimeAriaLane: '{lane}: P50 {p50} dagen, P90 {p90} dagen',
  leadTimeAria:
    'Cumulatief aandeel van de besliste zaken naar doorlooptijd van indiening tot beslissing, in dagen, per werksoort',
  withoutLanes: ', zonder werksoorten',

  optionsSvgTitle: 'Opties vergeleken',
  legendMean: 'gemiddelde',
  legendLeadTimeP50: 'doorlooptijd P50',
  legendP50ToP90: 'P50 tot P90',
  axisOpenCasesOn: 'openstaande zaken op {date}',
  axisLeadTimeDays: 'doorlooptijd, dagen',
  headEndBacklog: 'eindvoorraad',
  headChangeCi: 'verschil met basis (95%-BI)',
  headLeadTime: 'doorlooptijd',
  noOptions: 'geen opties',
  optionsAriaRow: '{label} mediaan {median}',
  optionsAriaBase: '{label} (basis) mediaan {median}',
  optionsAriaChange: ', verschil {change}',
  optionsAriaOne: 'Eindvoorraad op {date} en doorlooptijd van {count} optie',
  optionsAriaMany: 'Eindvoorraad op {date} en doorlooptijd van {count} opties',

  varianceSvgTitle: 'Waar de band vandaan komt: variantie naar bron',
  axisVariance: 'aandeel in de variantie van de openstaande zaken op {date} (sd {sd})',
  noSources: 'geen bronnen',
  varianceAria:
    'Staafgrafiek van de variantie van de openstaande zaken op {date} naar bron, in procenten van het geheel',

  tornadoSvgTitle: 'Gevoeligheid van de eindvoorraad voor elke parameter',
  legendAtP10: 'parameter op zijn P10',
  legendAtP90: 'op zijn P90',
  legendAllMeans: 'alle op hun gemiddelde',
  axisMeanOpenCasesOn: 'gemiddelde openstaande zaken op {date}',
  allAtMeans: 'alle op hun gemiddelde: {base}',
  noParameters: 'geen parameters',
  tornadoAriaRow: '{label} {p10} op zijn P10 (×{p10Factor}) en {p90} op zijn P90 (×{p90Factor})',
  tornadoAria:
    'Tornadodiagram van de gemiddelde openstaande zaken op {date} met één parameter op zijn P10 of zijn P90 en de andere op hun gemiddelde ({base} met alle op hun gemiddelde)',

  sourcePoisson: 'Poisson-toeval van de wekelijkse instroom',
  sourcePoissonFlows: 'Poisson-toeval van de instroom, toeval in de stromen',
  sourceLevel: 'niveau van de instroom',
  sourceDrift: 'drift van de instroom',
  sourceOverdispersion: 'overdispersie van de instroom (drukke en rustige weken)',
  sourceProductivity: 'productiviteit van de capaciteit',
  sourceCapacityWeekly: 'capaciteit van week tot week',
  sourceShares: 'aandelen van de werksoorten',
  sourceGrantRates: 'inwilligingspercentages (afwijzingen die opnieuw indienen)',
  sourceGrantRatesByLane: 'inwilligingspercentages (een verdeling per werksoort)',
  sourceGrantRatesGrants: 'inwilligingspercentages (ze bewegen de inwilligingen, niet de voorraad)',
  shapleyMethod:
    'Shapley-decompositie: het scenario berekend met elke deelverzameling van de bronnen aan, met common random numbers; elke bron krijgt de variantie die ze toevoegt, gemiddeld over de volgordes van aanzetten. De delen tellen op tot de variantie met alle bronnen aan; de rest is het Poisson-toeval van de instroom.',
  bandPoisson: 'Poisson-toeval van de wekelijkse instroom',
  bandFlows:
    'toeval in de stromen: welke openstaande zaken worden ingetrokken, welke van werksoort wisselen, welke afwijzingen opnieuw indienen',
  bandLevel: 'niveau van de instroom: {distribution}-factor, cv {cv}',
  bandProductivity: 'productiviteit van de capaciteit: {distribution}-factor, cv {cv}',
  bandDrift: 'drift van de instroom: random walk van het log-niveau, sd {sd} per jaar',
  bandOverdispersion: 'overdispersie van de instroom: wekelijkse gamma-factor, cv {cv}',
  bandCapacityWeekly: 'capaciteit van week tot week: wekelijkse gamma-factor, cv {cv}',
  bandShares: 'aandelen van de werksoorten: Dirichlet, concentratie {concentration}',
  bandGrantRates: 'inwilligingspercentages: bèta, concentratie {concentration}',

  capacityPerWeek: '{count} {unit} per week',
  capacityPerYear: '{count} {unit} per jaar',
  capacityInflow: 'instroom {margin}, minstens {min} per week',
  capacityInflowMax: 'instroom {margin}, minstens {min}, hoogstens {max} per week',
  capacityStaff: '{fte} fte ({hours} u per week)',
  capacityRampUp: ', inwerktijd {weeks} weken',
  capacityAttrition: ', verlies van {fte} fte per kwartaal',
  capacityChanging: ', met wijzigingen vanaf {dates}',
  capacityFollows: ' (de instroom van {lanes})',
  capacityDelay: ', {weeks} weken later',
  capacityTrigger: ', +{fte} fte zolang {lanes} boven {above}',
  capacityTriggerWeeks: ' gedurende {weeks} weken',
  capacityLane: '{lane}: {capacity}',
};

const CATALOGS: Readonly<Record<Lang, ReportText>> = { en, nl };

/**
 * The report's catalog in a language: every text the HTML report writes
 * itself, by key. Both languages have the same keys.
 *
 * @example fill(reportText('nl').figureStartBacklog, {}) // 'Openstaande zaken bij de start'
 */
export function reportText(lang: Lang): ReportText {
  return CATALOGS[lang];
}
