import { resolve } from "node:path";

/**
 * This repository's root: where `npm run check` finds our catalogue and schemas, whatever
 * directory the files it checks are in.
 */
export const repoRoot = resolve(import.meta.dirname, "../..");
