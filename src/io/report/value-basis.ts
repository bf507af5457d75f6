/** What a scenario value rests on, as its comment in the scenario file says. */
export type ValueBasis = 'source' | 'assumption' | 'setting' | 'not stated';

const CITES_SOURCE = /factsheet|decision memo|\.csv\b|memo|published|jaarverslag|kamerbrief/i;
const ASSUMPTION = /\bassum/i;

/**
 * Classifies a value by the comment written beside it: a comment that starts
 * with "assumption" is an assumption, one that cites a source (the decision
 * memo, the track-policy factsheet, a data file: see docs/sources.md) is
 * sourced, any other mention of an assumption is one; no comment, or one that
 * says neither, is "not stated".
 *
 * @example valueBasis('decision memo: inflow about 25 per week') // 'source'
 */
export function valueBasis(comment: string | null): ValueBasis {
  if (comment === null) return 'not stated';
  const text = comment.trim();
  if (/^assum/i.test(text)) return 'assumption';
  if (CITES_SOURCE.test(text)) return 'source';
  return ASSUMPTION.test(text) ? 'assumption' : 'not stated';
}
