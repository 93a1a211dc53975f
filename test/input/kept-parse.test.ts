/**
 * A parse kept beside the bundle: read back by a later run for the same inputs, parsed again
 * for other inputs or when what is kept cannot be read, and never kept outside a bundle.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { keptParse } from "../../scripts/engine/sources/kept-parse.ts";

const folder = mkdtempSync(join(tmpdir(), "mlmon kept-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A parse that counts its calls, with what structured cloning keeps and JSON would lose. */
function counted(tag: string) {
  const parse = () => {
    parse.calls++;
    const shared = { tag };
    return { broken: new Map([["x", shared]]), again: shared, bound: Infinity, none: undefined };
  };
  parse.calls = 0;
  return parse;
}

describe("keptParse", () => {
  it("parses once, then reads back what it kept, as it was", () => {
    const parse = counted("a");
    const first = keptParse("test", ["file.yaml", "text"], parse, folder);
    const second = keptParse("test", ["file.yaml", "text"], parse, folder);
    expect(parse.calls).toBe(1);
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    expect(second.broken.get("x")).toBe(second.again);
    expect(second.bound).toBe(Infinity);
    expect("none" in second).toBe(true);
  });

  it.each([
    ["another text", ["file.yaml", "other text"], "test"],
    ["another file name", ["other.yaml", "text"], "test"],
    ["another kind", ["file.yaml", "text"], "other"],
  ])("parses again for %s", (_name, inputs, kind) => {
    const parse = counted("b");
    keptParse("test", ["file.yaml", "text"], counted("a"), folder);
    expect(keptParse(kind, inputs, parse, folder).again.tag).toBe("b");
    expect(parse.calls).toBe(1);
  });

  it("parses again when what is kept is unreadable, and keeps the new result", () => {
    keptParse("corrupt", ["t"], counted("a"), folder);
    const [kept] = readdirSync(folder).filter((n) => n.startsWith("parsed-corrupt-"));
    writeFileSync(join(folder, kept!), "not a serialised value");
    const parse = counted("b");
    expect(keptParse("corrupt", ["t"], parse, folder).again.tag).toBe("b");
    expect(keptParse("corrupt", ["t"], parse, folder).again.tag).toBe("b");
    expect(parse.calls).toBe(1);
  });

  it("still parses where nothing can be kept, and outside a bundle keeps nothing", () => {
    // A file where the folder should be: nothing can be written below it, not even by root.
    const notAFolder = join(folder, "a-file");
    writeFileSync(notAFolder, "");
    const parse = counted("a");
    expect(keptParse("test", ["t"], parse, notAFolder).again.tag).toBe("a");
    keptParse("test", ["t"], parse, notAFolder);
    expect(parse.calls).toBe(2);
    const outside = counted("a");
    keptParse("test", ["t"], outside, undefined);
    keptParse("test", ["t"], outside, undefined);
    expect(outside.calls).toBe(2);
    // Under vitest no bundle runs: by default nothing is kept.
    const byDefault = counted("a");
    keptParse("test", ["t"], byDefault);
    keptParse("test", ["t"], byDefault);
    expect(byDefault.calls).toBe(2);
  });
});
