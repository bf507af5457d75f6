/** One probability measured at one grid index. */
export interface GridEvaluation {
  readonly index: number;
  readonly probability: number;
}

/** Where to search: grid indexes (value = index x step, chosen by the caller). */
export interface GridSearch {
  /** Lowest index allowed. */
  readonly lowest: number;
  /** Highest index allowed (the search gives up above it). */
  readonly highest: number;
  /** First index evaluated, in [lowest, highest]. */
  readonly start: number;
  /** Probability to reach, in (0, 1). */
  readonly confidence: number;
}

/** The result of a grid search. */
export interface GridSearchResult {
  /** Smallest index whose probability reaches the confidence; null when even `highest` falls short. */
  readonly index: number | null;
  /** The index one below `index`, evaluated and short of the confidence; null when `index` is the lowest or null. */
  readonly below: GridEvaluation | null;
  /** The index one above `index`, when it is allowed. */
  readonly above: GridEvaluation | null;
  /** Every evaluation, in the order made (no index twice). */
  readonly evaluations: readonly GridEvaluation[];
  /** Whether the probabilities evaluated never fall as the index rises (what the search assumes). */
  readonly monotone: boolean;
}

/**
 * The smallest grid index whose probability reaches the confidence, for a
 * probability that rises with the index: evaluate the start; then step
 * away from it (down when it already reaches the confidence, else up) with
 * steps 1, 2, 4, ... until the answer is bracketed by an index that falls
 * short and one that reaches it; then bisect. The index returned always
 * reaches the confidence and the one below it (evaluated) never does, even
 * when noise makes the probabilities not quite monotone. Each index is
 * evaluated at most once.
 *
 * @example await searchLeverGrid(async (k) => (k >= 33 ? 0.95 : 0.5), { lowest: 0, highest: 3000, start: 30, confidence: 0.9 }) // index 33
 */
export async function searchLeverGrid(
  probabilityAt: (index: number) => Promise<number>,
  search: GridSearch,
): Promise<GridSearchResult> {
  const { lowest, highest, confidence } = search;
  if (!(lowest <= search.start && search.start <= highest))
    throw new Error(`searchLeverGrid: start ${search.start} outside [${lowest}, ${highest}]`);
  const evaluations: GridEvaluation[] = [];
  const seen = new Map<number, number>();
  const at = async (index: number): Promise<number> => {
    let probability = seen.get(index);
    if (probability === undefined) {
      probability = await probabilityAt(index);
      seen.set(index, probability);
      evaluations.push({ index, probability });
    }
    return probability;
  };
  const reaches = async (index: number) => (await at(index)) >= confidence;

  // Invariant once bracketed: `short` falls short of the confidence, `reached` reaches it, short < reached.
  let short: number | null = null;
  let reached: number | null = null;
  if (await reaches(search.start)) {
    reached = search.start;
    for (let step = 1; short === null && reached > lowest; step *= 2) {
      const next = Math.max(lowest, reached - step);
      if (await reaches(next)) reached = next;
      else short = next;
    }
  } else {
    short = search.start;
    for (let step = 1; reached === null && short < highest; step *= 2) {
      const next = Math.min(highest, short + step);
      if (await reaches(next)) reached = next;
      else short = next;
    }
  }
  if (reached !== null && short !== null) {
    while (reached - short > 1) {
      const middle = Math.floor((short + reached) / 2);
      if (await reaches(middle)) reached = middle;
      else short = middle;
    }
  }
  let above: GridEvaluation | null = null;
  if (reached !== null && reached < highest) above = { index: reached + 1, probability: await at(reached + 1) };
  const below = reached !== null && short !== null ? { index: short, probability: seen.get(short)! } : null;
  const sorted = [...evaluations].sort((a, b) => a.index - b.index);
  const monotone = sorted.every((evaluation, i) => i === 0 || evaluation.probability >= sorted[i - 1]!.probability);
  return { index: reached, below, above, evaluations, monotone };
}
