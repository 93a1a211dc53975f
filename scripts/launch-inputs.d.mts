/** Types of launch-inputs.mjs, which the launcher (plain node, no TypeScript) imports. */

/** A file's stat and content hash, as `fileHashes` records them. */
export type HashRecord = Record<string, [string, string]>;

export function fileHashes(
  root: string,
  files: readonly string[],
  recorded: Readonly<Record<string, unknown>>,
  options?: { now?: number; settleMs?: number },
): { hashes: Map<string, string>; record: HashRecord };

export function inputsDigest(
  root: string,
  files: readonly string[],
  recordFile: string,
  salt: string,
  now?: number,
): string;
