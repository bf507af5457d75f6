/**
 * Decided cases per lane and lead time in weeks (laneCount x cohortSlots),
 * from the counts per lane, arrival slot and decision week that the engine
 * records (laneCount x cohortSlots x (horizonWeeks + 1), the last column the
 * cases still open): a case of slot s decided in week t waited
 * t - (s - maxAgeWeeks) weeks, with maxAgeWeeks = cohortSlots - horizonWeeks.
 *
 * @example leadWeeksFromDecisions(tally.decisionWeeks, 4, 102, 52)
 */
export function leadWeeksFromDecisions(
  decisionWeeks: Float64Array,
  laneCount: number,
  cohortSlots: number,
  horizonWeeks: number,
): Float64Array {
  const maxAge = cohortSlots - horizonWeeks;
  const columns = horizonWeeks + 1;
  const leads = new Float64Array(laneCount * cohortSlots);
  for (let lane = 0; lane < laneCount; lane++) {
    for (let slot = 0; slot < cohortSlots; slot++) {
      const row = (lane * cohortSlots + slot) * columns;
      for (let t = 0; t < horizonWeeks; t++) {
        const decided = decisionWeeks[row + t]!;
        // Stryker disable next-line ConditionalExpression: without the test the loop adds 0 where nothing was decided, which changes no count.
        if (decided !== 0) leads[lane * cohortSlots + t + maxAge - slot]! += decided;
      }
    }
  }
  return leads;
}
