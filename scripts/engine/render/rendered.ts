import type { Finding } from "../findings.ts";

/**
 * What a renderer returns: the files it produces (repository-relative path to exact content)
 * and the findings it met on the way (a manifest that fails its schema). A renderer never
 * throws for something a user wrote.
 */
export interface Rendered {
  files: Map<string, string>;
  findings: Finding[];
}

export const rendered = (
  entries: Iterable<[string, string]>,
  findings: Finding[] = [],
): Rendered => ({
  files: new Map(entries),
  findings,
});
