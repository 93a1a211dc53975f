import { describe, expect, it } from "vitest";
import {
  durationSeconds,
  formatDuration,
  formatPercent,
  formatPercentile,
  formatRoughDuration,
  tidy,
} from "../scripts/engine/text/humanize.ts";

describe("humanize", () => {
  it.each([
    ["5m", "5 minutes"],
    ["1h", "1 hour"],
    ["90s", "90 seconds"],
    ["30d", "30 days"],
    ["2w", "14 days"],
    [432_000, "5 days"],
  ] as const)("formatDuration(%s) is %s", (d, words) => expect(formatDuration(d)).toBe(words));

  it.each([
    [180_000, "2.1 days"],
    [241_920, "2.8 days"],
    [2_592_000, "30 days"],
    [5400, "90 minutes"],
    [7200, "2 hours"],
    [1, "1 second"],
  ])("formatRoughDuration(%s) is %s", (s, words) => expect(formatRoughDuration(s)).toBe(words));

  it.each([
    [0.05, "5%"],
    [0.999, "99.9%"],
    [0.001, "0.1%"],
  ])("formatPercent(%s) is %s", (r, words) => expect(formatPercent(r)).toBe(words));

  it("names percentiles and removes floating-point noise", () => {
    expect(formatPercentile(0.95)).toBe("p95");
    expect(formatPercentile(0.999)).toBe("p99.9");
    expect(tidy(1 - 0.999)).toBe(0.001);
  });

  it("reads durations in seconds, and refuses what is not one", () => {
    expect(durationSeconds("15m")).toBe(900);
    expect(durationSeconds("1.5h")).toBe(5400);
    expect(() => durationSeconds("5 minutes" as never)).toThrow(/not a Prometheus duration/);
  });
});
