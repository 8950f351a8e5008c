// A seeded uniform generator (mulberry32): the same seed gives the same Poisson arrivals on every
// machine, so a schedule is reproducible and testable. Not for anything secret.

/** A function returning uniform numbers in [0, 1), determined by the seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
