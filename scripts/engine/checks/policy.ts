/**
 * What a run makes of the findings: the profile's severity for each check (or none, when it
 * leaves the check out), a config file's per-rule severities, then the suppressions. Applied to
 * every finding of a run, promtool's and the input readers' included.
 */
import { inputRules, type Finding, type Severity } from "../findings.ts";
import type { Check } from "./check.ts";
import { severityIn, type ProfileName } from "./profiles.ts";
import { applySuppressions, suppressionRule, type SuppressionEntry } from "./suppressions.ts";

export interface Policy {
  profile: ProfileName;
  /** Severity per rule id (a config file's `severity:`): wins over the profile's. */
  severity?: Readonly<Record<string, Severity>>;
  suppressions: readonly SuppressionEntry[];
}

export interface Settled {
  /** What is reported. */
  findings: Finding[];
  /** What a suppression silenced: counted in the summary, not listed. */
  suppressed: Finding[];
}

const rank: Record<Severity, number> = { info: 0, warning: 1, error: 2, fatal: 3 };
const lower = (a: Severity, b: Severity): Severity => (rank[a] <= rank[b] ? a : b);

/** Every rule id a finding can carry: the checks' and those of the readers and the framework. */
export const knownRules = (checks: readonly Check[]): Set<string> =>
  new Set([...checks.map((c) => c.id), ...inputRules, suppressionRule]);

export function applyPolicy(
  findings: readonly Finding[],
  checks: readonly Check[],
  policy: Policy,
): Settled {
  const byId = new Map(checks.map((c) => [c.id, c]));
  const profiled = findings.flatMap((f): Finding[] => {
    const check = byId.get(f.rule);
    let severity = f.severity;
    if (check) {
      const to = severityIn(check, policy.profile);
      if (to === "off") return [];
      // A problem below its check's severity (a legacy panel's warning) stays below it.
      severity = f.severity === check.severity ? to : lower(f.severity, to);
    }
    severity = policy.severity?.[f.rule] ?? severity;
    return [severity === f.severity ? f : { ...f, severity }];
  });
  const { kept, suppressed, problems } = applySuppressions(
    profiled,
    policy.suppressions,
    knownRules(checks),
    (rule) => {
      const check = byId.get(rule);
      return check && severityIn(check, policy.profile) === "off"
        ? `profile ${policy.profile} leaves ${rule} out`
        : undefined;
    },
  );
  return { findings: [...kept, ...problems], suppressed };
}
