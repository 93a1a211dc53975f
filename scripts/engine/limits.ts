/**
 * Bounds on what `npm run check` and the build read, so that hostile or broken input costs
 * bounded time and memory and ends in findings (the README lists them).
 */
export const limits = {
  /** A file given to `npm run check` larger than this is not read. */
  fileBytes: 256 * 2 ** 20,
  /** JSON or YAML nested deeper than this is refused (real dashboards nest about 10 deep). */
  depth: 200,
  /** YAML aliases expanded per document: more is an alias bomb. */
  yamlAliases: 1000,
} as const;
