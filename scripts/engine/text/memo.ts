/**
 * A function of a text, computed once per text while that text is among the last `kept` asked
 * for: many checks ask for the same queries, regexes and files, and the watch asks again on
 * every rebuild, mostly for what it had. Bounded, so that a long watch or a file of a million
 * distinct queries holds no more than `kept` results. What it gives is shared: no caller may
 * change it.
 */
export function memoByText<T>(compute: (text: string) => T, kept: number): (text: string) => T {
  const results = new Map<string, T>();
  return (text) => {
    let result: T;
    if (results.has(text)) {
      result = results.get(text)!;
      results.delete(text); // set again below: the most recently asked for is kept longest
    } else {
      result = compute(text);
      if (results.size >= kept) results.delete(results.keys().next().value!);
    }
    results.set(text, result);
    return result;
  };
}
