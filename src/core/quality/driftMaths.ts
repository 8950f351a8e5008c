// Quantization drift between two greedy outputs of the same prompt, token by token: whether they
// are identical, where they first part, and how much the two models' top-k alternatives overlap
// on the way there (1 = the same candidates at every position). A quantized model that keeps its
// reference's answers and its reference's uncertainty scores 1 on all three.

/** One generated token and the alternatives the server reported at its position. */
export interface TokenChoice {
  token: string;
  /** The top alternatives' tokens, most likely first (the chosen token among them). */
  top: string[];
}

export interface ItemDrift {
  identical: boolean;
  /** Index of the first token that differs (or where the shorter output ends); null: identical. */
  firstDivergence: number | null;
  /** Sum of the top-k overlaps over the positions before the divergence, and their count. */
  overlapSum: number;
  overlapPositions: number;
}

export const TOP_K = 5;

/** Share of top-k alternatives two positions have in common (0–1); undefined when neither has any. */
export function topOverlap(
  a: readonly string[],
  b: readonly string[],
  k = TOP_K,
): number | undefined {
  const left = new Set(a.slice(0, k));
  const right = new Set(b.slice(0, k));
  const size = Math.max(left.size, right.size);
  if (!size) return undefined;
  let shared = 0;
  for (const t of left) if (right.has(t)) shared++;
  return shared / size;
}

export function compareOutputs(
  reference: readonly TokenChoice[],
  candidate: readonly TokenChoice[],
  k = TOP_K,
): ItemDrift {
  const common = Math.min(reference.length, candidate.length);
  let first = 0;
  while (first < common && reference[first]?.token === candidate[first]?.token) first++;
  const identical = first === common && reference.length === candidate.length;
  let overlapSum = 0;
  let overlapPositions = 0;
  for (let i = 0; i < first; i++) {
    const o = topOverlap(reference[i]?.top ?? [], candidate[i]?.top ?? [], k);
    if (o === undefined) continue;
    overlapSum += o;
    overlapPositions++;
  }
  return { identical, firstDivergence: identical ? null : first, overlapSum, overlapPositions };
}

export interface DriftSummary {
  items: number;
  /** Share of items answered token for token the same (0–1). */
  identical_share: number;
  /** Mean index of the first differing token, over the items that differ; null when none does. */
  mean_first_divergence: number | null;
  /** Mean top-k overlap over every position before a divergence, of every item; null: no data. */
  mean_top5_overlap: number | null;
}

export function summariseDrift(items: readonly ItemDrift[]): DriftSummary {
  const diverged = items.filter((i) => i.firstDivergence !== null);
  const positions = items.reduce((s, i) => s + i.overlapPositions, 0);
  return {
    items: items.length,
    identical_share: items.length ? (items.length - diverged.length) / items.length : 0,
    mean_first_divergence: diverged.length
      ? diverged.reduce((s, i) => s + (i.firstDivergence ?? 0), 0) / diverged.length
      : null,
    mean_top5_overlap: positions ? items.reduce((s, i) => s + i.overlapSum, 0) / positions : null,
  };
}
