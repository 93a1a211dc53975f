/**
 * The function table against maintained sources: @prometheus-io/codemirror-promql's list (what
 * Prometheus' own UI knows, with argument and result types) and the grammar we parse with.
 */
import { describe, expect, it } from "vitest";
import {
  getFunction,
  ValueType,
} from "@prometheus-io/codemirror-promql/dist/esm/types/function.js";
import { functions, olderThan } from "../../scripts/engine/promql/functions.ts";
import { parsePromql } from "../../scripts/engine/promql/parse.ts";

const ours: Record<string, string> = {
  instant: ValueType.vector,
  range: ValueType.matrix,
  scalar: ValueType.scalar,
  string: ValueType.string,
};

/** Every function codemirror-promql knows: its table is keyed by the grammar's term ids. */
const upstream = Array.from({ length: 2000 }, (_, id) => getFunction(id))
  .filter((f) => f !== undefined)
  // Its 0.314 release spells two names with a capital (`Cosh`, `Sinh`): the grammar does not.
  .map((f) => ({ ...f, name: f.name.toLowerCase() }));

/**
 * Where the UI's list disagrees with Prometheus' parser (promql/parser/functions.go), the parser
 * wins: it allows 9 more quantiles after histogram_quantiles' fourth argument (the list says 10)
 * and pi() is a scalar (the list says a vector). Listed with the list's values, so the test
 * notices when upstream agrees again.
 */
const parserWins: Record<string, { variadic?: number; returnType?: string }> = {
  histogram_quantiles: { variadic: 10 },
  pi: { returnType: ValueType.vector },
};

/** Newer than codemirror-promql 0.314 (Prometheus 3.13 and 3.14), or gone since Prometheus 3. */
const notUpstream = ["holt_winters", "max_of", "min_of"];

describe("the PromQL function table", () => {
  it("has every function codemirror-promql lists, with its argument and result types", () => {
    expect(upstream.length).toBeGreaterThan(80);
    for (const f of upstream) {
      const spec = functions[f.name];
      expect(spec, f.name).toBeDefined();
      expect(
        {
          args: spec!.args.map((a) => ours[a]),
          variadic: spec!.variadic ?? 0,
          returns: ours[spec!.returns],
        },
        f.name,
      ).toEqual({
        args: f.argTypes,
        variadic: parserWins[f.name]?.variadic !== undefined ? (spec!.variadic ?? 0) : f.variadic,
        returns: parserWins[f.name]?.returnType ? ours[spec!.returns] : f.returnType,
      });
      if (parserWins[f.name]) expect(f, f.name).toMatchObject(parserWins[f.name]!);
    }
  });

  it("has nothing else but what is named as newer or removed", () => {
    const names = new Set(upstream.map((f) => f.name));
    expect(
      Object.keys(functions)
        .filter((n) => !names.has(n))
        .sort(),
    ).toEqual(notUpstream);
    for (const n of notUpstream) {
      const spec = functions[n]!;
      expect(spec.removedIn !== undefined || !olderThan(spec.since, "3.13"), n).toBe(true);
    }
  });

  it("has functions the grammar parses as calls, each with the arguments it declares", () => {
    const arg = { instant: "up", range: "up[5m]", scalar: "1", string: '"a"' };
    for (const [name, spec] of Object.entries(functions)) {
      if (spec.removedIn || notUpstream.includes(name)) continue;
      const q = parsePromql(`${name}(${spec.args.map((a) => arg[a]).join(", ")})`);
      expect(q.errors, name).toEqual([]);
      expect(q.tree.topNode.firstChild?.name, name).toBe("FunctionCall");
    }
  });

  it("dates releases: since, stable since, removed in", () => {
    expect(functions.hour).toMatchObject({ since: "2.0" });
    expect(functions.sort_by_label).toMatchObject({ since: "2.49", experimental: true });
    expect(functions.holt_winters?.removedIn).toEqual({
      version: "3.0",
      instead: "double_exponential_smoothing",
    });
    expect([
      olderThan("2.42", "2.49"),
      olderThan("3.0", "2.55"),
      olderThan("3.14", "3.14.0"),
    ]).toEqual([true, false, false]);
  });
});
