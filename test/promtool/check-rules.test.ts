/**
 * promtool check rules over many files: clean files pass in batches, a batch with a failing
 * file says exactly what running each file alone says, and copies of a file (run once) too.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { promtoolFindings, type PromtoolInput } from "../../scripts/engine/promtool/check-rules.ts";
import { requireBinaries } from "../helpers/binaries.ts";

const need = requireBinaries(["promtool"]);
const dir = mkdtempSync(join(tmpdir(), "mlmon-promtool-batch-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rule = (record: string, expr: string) =>
  `groups:\n  - name: g\n    rules:\n      - record: ${record}\n        expr: ${expr}\n`;
/** [file, contents]: enough clean files for two batches, and each way promtool complains. */
const files: [string, string][] = [
  ...Array.from({ length: 30 }, (_, i): [string, string] => [
    `clean-${i}.yml`,
    rule(`job:up:sum${i}`, "sum by (job) (up)"),
  ]),
  ["broken-promql.yml", rule("job:up:sum", "sum(up")],
  ["duplicate.yml", rule("a", "sum(up)") + "      - record: a\n        expr: sum(up)\n"],
  ["not-rules.yml", "groups: 3\n"],
  ["copy-of-broken.yml", rule("job:up:sum", "sum(up")],
  ["copy-of-duplicate.yml", rule("a", "sum(up)") + "      - record: a\n        expr: sum(up)\n"],
];
for (const [name, text] of files) writeFileSync(join(dir, name), text);

describe.skipIf(need.skip)(need.title("promtool check rules, many files"), () => {
  it("finds what each file alone gives, and nothing in the clean ones", () => {
    // The failing files among the clean ones: each batch holds one.
    const order = [...files.map(([f]) => f)];
    order.splice(5, 0, order.pop()!);
    order.splice(28, 0, order.pop()!);
    const inputs: PromtoolInput[] = [
      ...order.map((file) => ({ file })),
      { file: "given.yml", text: rule("b", "sum(") },
      { file: "given-copy.yml", text: rule("b", "sum(") },
      // The same rules as a file on disk, given as text: promtool reads stdin, not the file.
      { file: "given-like-broken.yml", text: rule("job:up:sum", "sum(up") },
    ];
    const together = promtoolFindings(dir, inputs);
    const alone = inputs.flatMap((i) => {
      const r = promtoolFindings(dir, [i]);
      return r.ran ? r.findings : [];
    });
    expect(together.ran).toBe(true);
    if (!together.ran) return;
    expect(together.findings).toEqual(alone);
    const failing = new Set(together.findings.map((f) => f.where.file));
    expect([...failing].sort()).toEqual([
      "broken-promql.yml",
      "copy-of-broken.yml",
      "copy-of-duplicate.yml",
      "duplicate.yml",
      "given-copy.yml",
      "given-like-broken.yml",
      "given.yml",
      "not-rules.yml",
    ]);
    // Each copy's findings name it, as its own run does.
    const messages = (file: string) =>
      together.findings.filter((f) => f.where.file === file).map((f) => f.message);
    expect(messages("copy-of-broken.yml")).toEqual(messages("broken-promql.yml"));
    expect(messages("copy-of-broken.yml").length).toBeGreaterThan(0);
  });
});
