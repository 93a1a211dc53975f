import { describe, expect, it } from "vitest";
import { ruleOperands } from "../../scripts/engine/prometheus/operands.ts";

describe("ruleOperands", () => {
  it.each([
    { expr: "up == 0", operands: ["up"] },
    {
      expr: "sum by (job) (rate(a[5m])) / sum by (job) (rate(b[5m])) > 0.05",
      operands: ["sum by (job) (rate(a[5m])) / sum by (job) (rate(b[5m]))"],
    },
    {
      name: "each side of and, with the matching clause dropped",
      expr: "max by (m) (kv) > 0.9 and on (m) sum by (m) (rate(p[5m])) > 0",
      operands: ["max by (m) (kv)", "sum by (m) (rate(p[5m]))"],
    },
    {
      name: "threshold arithmetic is not an operand",
      expr: 'r1h{job="a"} > 14.4 * 0.001 and r5m{job="a"} > 14.4 * 0.001',
      operands: ['r1h{job="a"}', 'r5m{job="a"}'],
    },
    {
      name: "both sides of a vector comparison, and of unless",
      expr: "(a > b) unless on (job) (sum by (job) (up) == 0)",
      operands: ["a", "b", "sum by (job) (up)"],
    },
    {
      name: "a bool comparison does not filter: kept whole",
      expr: "a > bool 1",
      operands: ["a > bool 1"],
    },
    {
      name: "a recording rule expression as is",
      expr: "sum(rate(x[5m]))",
      operands: ["sum(rate(x[5m]))"],
    },
    {
      name: "a comparison nested in a function stays",
      expr: 'clamp_max(up{job="x"} == 1, 1)',
      operands: ['clamp_max(up{job="x"} == 1, 1)'],
    },
    {
      name: "absent() stands for its argument, which must have series",
      expr: 'absent(up{job="x"}) or absent_over_time(up{job="y"}[5m])',
      operands: ['up{job="x"}', 'up{job="y"}[5m]'],
    },
  ])("$expr", ({ expr, operands }) => {
    expect(ruleOperands(expr)).toEqual(operands);
  });
});
