/**
 * Suppressions, wherever they were written (a `disable` in our sources, a `# lint-disable`
 * comment in a rule file, a config file's `disable` with path globs), as one list of entries
 * the policy applies to every finding of a run. An entry without a reason, naming no known
 * rule, or suppressing nothing, is reported (`check/suppression`).
 */
import type { Finding, Where } from "../findings.ts";
import { dashboardUid } from "../model/dashboard.ts";
import type { Model } from "../model/index.ts";
import { ruleName } from "../model/rules.ts";
import type { Suppression } from "../model/suppressions.ts";
import { didYouMean } from "../text/suggest.ts";

export const suppressionRule = "check/suppression";

export interface SuppressionEntry extends Suppression {
  /** Whether a finding is one this entry is about (apart from its rule id). */
  covers(f: Finding): boolean;
  /** Where it is written: findings about the suppression itself point here. */
  at: Where;
  /** How to write it right, for the messages: `# lint-disable <rule>: <reason>`, say. */
  syntax: string;
  /**
   * False when nothing it covers was checked in this run (a config entry whose globs match none
   * of the files given): then suppressing nothing says nothing.
   */
  applicable?: boolean;
}

const sourceSyntax = "disable: [{ rule, reason }]";

/** The suppressions written in the model: dashboards, panels, rule groups and rules. */
export function modelSuppressions(model: Model): SuppressionEntry[] {
  const out: SuppressionEntry[] = [];
  for (const d of model.dashboards) {
    const uid = dashboardUid(d);
    for (const s of d.disable ?? []) {
      const at: Where = {
        file: d.file,
        dashboard: uid,
        ...(s.panel !== undefined ? { panel: { title: s.panel } } : {}),
      };
      out.push({
        rule: s.rule,
        reason: s.reason,
        at,
        syntax: sourceSyntax,
        covers: (f) =>
          f.where.file === d.file &&
          f.where.dashboard === uid &&
          (s.panel === undefined || f.where.panel?.title === s.panel),
      });
    }
  }
  for (const g of [...model.ruleGroups, ...model.logRuleGroups]) {
    const inGroup = (f: Finding) => f.where.file === g.file && f.where.group === g.group.name;
    const syntax = g.file.endsWith(".ts") ? sourceSyntax : "# lint-disable <rule>: <reason>";
    const line = (s: Suppression) => (s.line !== undefined ? { line: s.line } : {});
    for (const s of g.group.disable ?? []) {
      out.push({
        ...s,
        at: { file: g.file, group: g.group.name, ...line(s) },
        syntax,
        covers: inGroup,
      });
    }
    for (const rule of g.group.rules) {
      const name = ruleName(rule);
      for (const s of rule.disable ?? []) {
        out.push({
          ...s,
          at: { file: g.file, group: g.group.name, alert: name, ...line(s) },
          syntax,
          covers: (f) => inGroup(f) && f.where.alert === name,
        });
      }
    }
  }
  return out;
}

/** A finding about a suppression, where it is written. */
const problem = (entry: SuppressionEntry, severity: Finding["severity"], message: string) => ({
  rule: suppressionRule,
  severity,
  where: entry.at,
  message,
});

/**
 * Split findings into those kept and those suppressed, and report the entries that are wrong:
 * no reason (an error, though it still suppresses), an unknown rule id, or nothing suppressed.
 */
export function applySuppressions(
  findings: readonly Finding[],
  entries: readonly SuppressionEntry[],
  knownRules: ReadonlySet<string>,
  /** Why a known rule produced nothing to suppress, when the profile left it out. */
  offBecause: (rule: string) => string | undefined,
): { kept: Finding[]; suppressed: Finding[]; problems: Finding[] } {
  const used = new Set<SuppressionEntry>();
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of findings) {
    const by = entries.filter((e) => e.rule === f.rule && e.covers(f));
    by.forEach((e) => used.add(e));
    (by.length > 0 && f.rule !== suppressionRule ? suppressed : kept).push(f);
  }
  const problems = entries.flatMap((e): Finding[] => {
    if (!knownRules.has(e.rule)) {
      return [
        problem(
          e,
          "error",
          `Suppression names "${e.rule}", which is no rule id: it suppresses nothing.${didYouMean(e.rule, knownRules)} Rule ids are shown with every finding (\`group/name\`).`,
        ),
      ];
    }
    const out: Finding[] = [];
    if (!e.reason.trim()) {
      out.push(
        problem(
          e,
          "error",
          `Suppression of ${e.rule} has no reason: say why the finding is accepted (${e.syntax}), so a reviewer can agree or disagree.`,
        ),
      );
    }
    if (!used.has(e) && e.applicable !== false) {
      const off = offBecause(e.rule);
      out.push(
        problem(
          e,
          "warning",
          off
            ? `Suppression of ${e.rule} suppresses nothing: ${off}. Remove it.`
            : `Suppression of ${e.rule} suppresses nothing here any more: remove it, so it cannot hide a new finding.`,
        ),
      );
    }
    return out;
  });
  return { kept, suppressed, problems };
}
