/**
 * The edit distance of `a` and `b`, or `limit + 1` as soon as it must be more than `limit`:
 * suggestions are looked for among hundreds of names, and most are far off.
 */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      least = Math.min(least, cur[j]!);
    }
    if (least > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Up to `max` known names close to `name`, nearest first; empty when nothing is close. */
export function closest(name: string, known: Iterable<string>, max = 3): string[] {
  const limit = Math.max(2, Math.floor(name.length / 3));
  return [...known]
    .map((k) => ({ k, d: editDistance(name, k, limit) }))
    .filter(({ d }) => d <= limit)
    .sort((x, y) => x.d - y.d || x.k.localeCompare(y.k, "en"))
    .slice(0, max)
    .map(({ k }) => k);
}

/** A sentence ending a message: `did you mean "x" or "y"?`, or nothing. */
export function didYouMean(name: string, known: Iterable<string>): string {
  const names = closest(name, known);
  if (names.length === 0) return "";
  return ` Did you mean ${names.map((n) => `"${n}"`).join(" or ")}?`;
}
