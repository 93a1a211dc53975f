import { RE2 as WasmRE2 } from "re2-wasm";
import { describe, expect, it } from "vitest";
import RE2 from "../../scripts/engine/render/schema-pattern-re2.ts";

// The bundle validates manifests with this in place of kubernetes-models' re2-wasm: it must
// give the same verdicts on the patterns of the schemas our manifests meet, and on RE2's own
// syntax (inline flags, unanchored search) that a JavaScript RegExp would read otherwise.
const cases: [pattern: string, value: string][] = [
  ["^(?i)(abort|warn)?$", "abort"],
  ["^(?i)(abort|warn)?$", "WARN"],
  ["^(?i)(abort|warn)?$", ""],
  ["^(?i)(abort|warn)?$", "ignore"],
  ["^(?i)(abort|warn)?$", "abort\n"],
  ["(0|(([0-9]+)h)?(([0-9]+)m)?)", "x5m"],
  ["^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "prometheus-alerts"],
  ["^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "Prometheus_Alerts"],
  ["[[:alpha:]]+", "123"],
  ["\\pL", "é"],
];

describe("schema-pattern-re2", () => {
  it.each(cases)("%j on %j as re2-wasm", (pattern, value) => {
    expect(new RE2(pattern).test(value)).toBe(new WasmRE2(pattern, "u").test(value));
  });

  it("refuses what RE2 refuses (lookahead), as re2-wasm does", () => {
    expect(() => new WasmRE2("(?=a)", "u")).toThrow();
    expect(() => new RE2("(?=a)")).toThrow();
  });
});
