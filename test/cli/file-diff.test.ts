import { describe, expect, it } from "vitest";
import { shortDiff } from "../../scripts/engine/cli/file-diff.ts";

describe("shortDiff", () => {
  it("shows the changed lines with one line of context", () => {
    expect(shortDiff("a.yml", "x: 1\ny: 2\nz: 3\n", "x: 1\ny: 5\nz: 3\n")).toBe(
      [
        "    --- a.yml (on disk)",
        "    +++ a.yml (from the sources)",
        "    @@ -1,3 +1,3 @@",
        "     x: 1",
        "    -y: 2",
        "    +y: 5",
        "     z: 3",
      ].join("\n"),
    );
  });

  it("stays short: past maxLines it says how many lines it left out", () => {
    const before = Array.from({ length: 100 }, (_, i) => `line ${i}\n`).join("");
    const after = Array.from({ length: 100 }, (_, i) => `changed ${i}\n`).join("");
    const out = shortDiff("big.json", before, after, 10).split("\n");
    expect(out).toHaveLength(2 + 10 + 1);
    expect(out.at(-1)).toBe("    … 191 more line(s)");
  });
});
