/** Types of launch-inputs.mjs, which the launcher (plain node, no TypeScript) imports. */
export function inputsDigest(
  root: string,
  files: readonly string[],
  recordFile: string,
  salt: string,
  now?: number,
): string;
