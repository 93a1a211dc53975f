import { severities } from "../../model/rules.ts";
import type { Thresholds } from "../../model/platform.ts";
import { durationProblem } from "../../promql/duration.ts";
import { defineCheck, type Problem } from "../check.ts";

/**
 * What a value must be, from its key's name: config/platform.ts names every threshold after its
 * unit. A key no rule knows is a problem too, so a new unit gets a rule before it ships.
 */
type Unit = { keys: RegExp; problem(value: unknown): string | undefined };

const units: Unit[] = [
  {
    keys: /^(ratio|quantile)$|Ratio$|Preallocation$/,
    problem: (v) => inRange(v, 0, 1, "a number from 0 to 1 (0.05 is 5%)"),
  },
  {
    keys: /^slo$/,
    problem: (v) =>
      inRange(
        v,
        0,
        1,
        "a number between 0 and 1, 1 excluded (0.999 leaves an error budget of 0.1%)",
      ) ?? (v === 1 ? "1 leaves no error budget, and the burn rate divides by it" : undefined),
  },
  { keys: /^(for)$/, problem: (v) => durationProblem(v) },
  { keys: /^(window|period|long|short)$|Window$|Step$/, problem: (v) => durationProblem(v, false) },
  {
    keys: /^(seconds|messages|requests|factor|perSecond)$|PerSecond$|Seconds$|^min[A-Z]\w*$/,
    problem: (v) => inRange(v, 0, Infinity, "a number, 0 or more"),
  },
  {
    keys: /^severity$/,
    problem: (v) =>
      (severities as readonly unknown[]).includes(v)
        ? undefined
        : `${JSON.stringify(v)} is not one of ${severities.join(", ")}`,
  },
];

/** Identifiers an exporter reports (XID codes, clock-event bits): every value below the key. */
const codes: Unit = {
  keys: /^(codes|reasons)$/,
  problem: (v) =>
    Number.isInteger(v) && (v as number) >= 0
      ? undefined
      : `${JSON.stringify(v)} is not a code: it must be a whole number, 0 or more`,
};

function inRange(v: unknown, min: number, max: number, what: string): string | undefined {
  if (typeof v !== "number") return `${JSON.stringify(v)} is not a number: it must be ${what}`;
  if (!Number.isFinite(v)) return `${v} is not a finite number: it must be ${what}`;
  return v < min || v > max ? `${v} is out of range: it must be ${what}` : undefined;
}

function problems(t: Thresholds, path: string[], inherited?: Unit): Problem[] {
  return Object.entries(t).flatMap(([key, value]): Problem[] => {
    const at = [...path, key];
    const of = inherited ?? (codes.keys.test(key) ? codes : undefined);
    if (value !== null && typeof value === "object") return problems(value as Thresholds, at, of);
    const unit = of ?? units.find((u) => u.keys.test(key));
    const problem = unit
      ? unit.problem(value)
      : "its name says no unit: name it after what it measures (ratio, seconds, perSecond, for, window, ...) so its range can be checked";
    if (problem === undefined) return [];
    return [
      {
        message: `thresholds.${at.join(".")}: ${problem}.`,
        pointer: `/thresholds/${at.join("/")}`,
      },
    ];
  });
}

/**
 * Alert thresholds are sane where they are defined: a NaN ratio would ship an alert that can
 * never fire, and a dashboard threshold step with no value.
 */
export const platformThresholds = defineCheck({
  id: "platform/thresholds",
  description:
    "Every threshold in config/platform.ts is valid for the unit its key names: ratios and quantiles finite and within 0..1, slo below 1, counts and rates finite and not negative, durations that Prometheus parses.",
  severity: "error",
  scope: "model",
  // Our config/platform.ts: another team's files bring no thresholds of theirs.
  profiles: { community: "off" },
  check(_, { model }) {
    return problems(model.thresholds ?? {}, []).map((p) => ({
      ...p,
      where: { file: "config/platform.ts" },
    }));
  },
});
