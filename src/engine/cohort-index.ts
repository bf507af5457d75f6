/**
 * Open cases per lane and arrival slot as Fenwick trees (binary indexed
 * trees): the number of cases in any range of slots, and the slot of the
 * k-th open case in FIFO order, each in O(log slots). Withdrawals draw a few
 * cases a week among a lane's open ones; with this index they find them
 * without walking every cohort. Kept in step with the cohorts by every step
 * that changes them (in stochastic runs of plans with withdrawals).
 */
export class CohortIndex {
  private readonly tree: Float64Array;
  private readonly size: number;
  private readonly topBit: number;

  constructor(
    readonly lanes: number,
    readonly slots: number,
  ) {
    this.size = slots;
    this.tree = new Float64Array(lanes * (slots + 1));
    let bit = 1;
    while (bit * 2 <= slots) bit *= 2;
    this.topBit = bit;
  }

  /** Rebuilds every lane's tree from the cohorts (laneCount x slots) in O(lanes x slots). */
  reset(cohorts: Float64Array): void {
    const n = this.size;
    const tree = this.tree;
    for (let lane = 0; lane < this.lanes; lane++) {
      const base = lane * (n + 1);
      for (let i = 1; i <= n; i++) tree[base + i] = cohorts[lane * n + i - 1]!;
      for (let i = 1; i <= n; i++) {
        const parent = i + (i & -i);
        if (parent <= n) tree[base + parent]! += tree[base + i]!;
      }
    }
  }

  /** Adds `delta` cases to (lane, slot). */
  add(lane: number, slot: number, delta: number): void {
    const base = lane * (this.size + 1);
    for (let i = slot + 1; i <= this.size; i += i & -i) this.tree[base + i]! += delta;
  }

  /** Open cases of the lane in slots 0 .. slot (0 when slot < 0). */
  countTo(lane: number, slot: number): number {
    const base = lane * (this.size + 1);
    let sum = 0;
    for (let i = Math.min(slot, this.size - 1) + 1; i > 0; i -= i & -i) sum += this.tree[base + i]!;
    return sum;
  }

  /** The slot of the lane's k-th open case (k from 0), oldest first: the smallest slot whose count to it exceeds k. */
  slotOf(lane: number, k: number): number {
    const base = lane * (this.size + 1);
    let position = 0;
    let left = k;
    for (let bit = this.topBit; bit > 0; bit >>= 1) {
      const next = position + bit;
      if (next <= this.size && this.tree[base + next]! <= left) {
        position = next;
        left -= this.tree[base + next]!;
      }
    }
    return position;
  }
}
