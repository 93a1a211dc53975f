/**
 * Seeded randomness for the synthetic data: the same seed gives the same bytes on every run and
 * machine. Each series draws from its own stream (seeded from its name and labels), so adding a
 * metric to the catalogue does not change the data of the others.
 */
export type Random = () => number;

/** FNV-1a: a stable 32-bit hash of a string, to seed one stream per series. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: uniform numbers in [0, 1). */
export function random(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform number in [min, max). */
export const between = (r: Random, min: number, max: number): number => min + (max - min) * r();

/** A standard normal draw (Box-Muller). */
export function normal(r: Random): number {
  const u = 1 - r();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}
