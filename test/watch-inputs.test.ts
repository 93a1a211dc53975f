import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { changedInputs, inputScanner } from "../scripts/engine/watch/inputs.ts";

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));

function checkout(): string {
  const root = mkdtempSync(join(tmpdir(), "mlmon-inputs-"));
  roots.push(root);
  for (const dir of ["dashboards/lib", "alerts", "config/metrics"]) {
    mkdirSync(join(root, dir), { recursive: true });
  }
  writeFileSync(join(root, "dashboards/a.ts"), "export const a = 1;\n");
  writeFileSync(join(root, "dashboards/lib/b.ts"), "export const b = 1;\n");
  writeFileSync(join(root, "config/platform.ts"), "export const p = 1;\n");
  writeFileSync(join(root, "config/metrics/api.yaml"), "metrics: []\n");
  writeFileSync(join(root, "config/notes.md"), "not an input\n");
  return root;
}

describe("inputScanner", () => {
  it("lists the inputs and the folders to watch", () => {
    const scan = inputScanner(checkout());
    const { files, folders } = scan();
    expect([...files.keys()]).toEqual([
      "config/metrics/api.yaml",
      "config/platform.ts",
      "dashboards/a.ts",
      "dashboards/lib/b.ts",
    ]);
    expect(folders).toEqual(["alerts", "config", "config/metrics", "dashboards", "dashboards/lib"]);
  });

  it("sees a change that keeps the size and the modification time, an added and a removed file", () => {
    const root = checkout();
    // A whole-second modification time, which utimes can give back exactly.
    const file = join(root, "dashboards/a.ts");
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    // Files changed before the first scan count as settled: their stat alone would vouch.
    // (Wait for the clock to pass their change time: a file changed in the millisecond of the
    // scan is not settled.)
    const changed = statSync(file).ctimeMs;
    while (Date.now() <= changed + 1);
    const scan = inputScanner(root, 0);
    const before = scan().files;
    writeFileSync(file, "export const a = 2;\n"); // same length
    utimesSync(file, 1_700_000_000, 1_700_000_000); // and the same modification time
    writeFileSync(join(root, "alerts/new.ts"), "export {};\n");
    rmSync(join(root, "dashboards/lib/b.ts"));
    expect(changedInputs(before, scan().files)).toEqual([
      "alerts/new.ts",
      "dashboards/a.ts",
      "dashboards/lib/b.ts",
    ]);
  });

  it("tells a rewrite to the same content from a change: nothing changed", () => {
    const root = checkout();
    const scan = inputScanner(root);
    const before = scan().files;
    writeFileSync(join(root, "config/platform.ts"), "export const p = 1;\n");
    expect(changedInputs(before, scan().files)).toEqual([]);
    expect(changedInputs(before, scan().files)).toEqual([]);
  });
});
