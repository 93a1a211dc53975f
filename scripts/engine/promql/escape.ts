/** A string as a regex that matches exactly it (RE2, as Prometheus and its relabelling use). */
export const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A regex that only lists names (`a|b|c`), split into them; undefined for a real pattern. */
export const alternatives = (regex: string): string[] | undefined =>
  /^[A-Za-z0-9_:-]+(\|[A-Za-z0-9_:-]+)*$/.test(regex) ? regex.split("|") : undefined;
