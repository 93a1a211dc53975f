/**
 * Run by `npm run review` as a child process (node --import tsx): prints, as JSON on stdout,
 * the snapshot of the checkout named by its one argument: its sources' model and thresholds,
 * and the generated files committed there. A child, so that whatever the base revision's
 * modules do when imported (throw, loop, exit) stays in it, bounded by the parent's timeout.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadTree } from "../sources/tree.ts";
import { existingOutputs } from "../write/outputs.ts";
import { snapshotOf } from "../review/snapshot.ts";

const root = process.argv[2];
if (!root) throw new Error("usage: base-snapshot.ts <checkout>");
const tree = await loadTree(root);
const outputs = new Map(existingOutputs(root).map((p) => [p, readFileSync(join(root, p), "utf8")]));
process.stdout.write(JSON.stringify(snapshotOf(tree.model, tree.thresholds, outputs)));
