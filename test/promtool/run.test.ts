/**
 * The Go runtime settings promtool and amtool run with: set unless the environment sets them.
 */
import { describe, expect, it } from "vitest";
import { runTool, toolEnv } from "../../scripts/engine/promtool/run.ts";

describe("toolEnv", () => {
  it.each<[string, NodeJS.ProcessEnv, Record<string, string>]>([
    [
      "sets both when the environment sets neither",
      { PATH: "/bin" },
      { GOMAXPROCS: "1", GOGC: "400" },
    ],
    ["keeps the GOGC the environment sets", { GOGC: "100" }, { GOMAXPROCS: "1", GOGC: "100" }],
    [
      "keeps the GOMAXPROCS the environment sets",
      { GOMAXPROCS: "4" },
      { GOMAXPROCS: "4", GOGC: "400" },
    ],
    ["keeps GOGC=off", { GOGC: "off", GOMAXPROCS: "2" }, { GOMAXPROCS: "2", GOGC: "off" }],
  ])("%s", (_name, env, go) => {
    const got = toolEnv(env);
    expect({ GOMAXPROCS: got.GOMAXPROCS, GOGC: got.GOGC }).toEqual(go);
    // Everything else of the environment passes through.
    for (const [k, v] of Object.entries(env)) expect(got[k]).toBe(v);
  });

  it("is what a tool is run with", async () => {
    const r = await runTool("sh", ["-c", 'echo "$GOMAXPROCS $GOGC"']);
    const expected = `${process.env.GOMAXPROCS ?? "1"} ${process.env.GOGC ?? "400"}\n`;
    expect(r.stdout).toBe(expected);
  });
});
