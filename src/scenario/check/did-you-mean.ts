/**
 * The known word a mistyped one most likely meant: the closest by edit
 * distance when it is at most 2, else one that starts with it (or that it
 * starts with); null when none is close. Case is ignored.
 *
 * @example didYouMean('shar', ['share', 'priority']) // 'share'
 */
export function didYouMean(word: string, candidates: readonly string[]): string | null {
  const typed = word.toLowerCase();
  let best: { candidate: string; score: number } | null = null;
  for (const candidate of candidates) {
    const known = candidate.toLowerCase();
    const distance = editDistance(typed, known);
    const prefix = typed.length >= 3 && (known.startsWith(typed) || typed.startsWith(known));
    // Prefix matches rank after every close edit, among themselves by distance.
    const score = distance <= 2 ? distance : prefix ? 3 + distance / 1000 : Number.POSITIVE_INFINITY;
    if (score < (best?.score ?? Number.POSITIVE_INFINITY)) best = { candidate, score };
  }
  return best?.candidate ?? null;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
