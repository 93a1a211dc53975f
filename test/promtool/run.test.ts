/**
 * How promtool and amtool run: the Go runtime settings, set unless the environment sets them;
 * their output in the order they wrote it.
 */
import { describe, expect, it } from "vitest";
import { runTool, runToolInOrder, toolEnv } from "../../scripts/engine/promtool/run.ts";

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

describe("runToolInOrder", () => {
  it("keeps stdout and stderr in the order they were written", async () => {
    const r = await runToolInOrder("sh", ["-c", "echo a; echo b >&2; echo c; echo d >&2; exit 3"]);
    expect(r).toEqual({ status: 3, output: "a\nb\nc\nd\n" });
  });

  it("stops a tool that runs past its time limit: no exit status", async () => {
    const r = await runToolInOrder("sh", ["-c", "echo started; exec sleep 30"], 300);
    expect(r).toEqual({ status: null, output: "started\n" });
  });
});
