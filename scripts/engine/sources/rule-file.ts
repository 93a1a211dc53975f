/**
 * The rule groups of a Prometheus rule file (or of the `spec` of a PrometheusRule, or of a rule
 * file inside a ConfigMap), read leniently into our rule model, with the suppression comments
 * attached to the rule, group or file they are about.
 */
import type { Finding, Where } from "../findings.ts";
import type { Duration, Rule, RuleGroupSource } from "../model/rules.ts";
import type { Suppression } from "../model/suppressions.ts";
import { asArray, isObject, str, type Json } from "../model/walk.ts";
import { parseLogql } from "../logql/parse.ts";
import { parsePromql } from "../promql/parse.ts";
import type { Path, Position } from "../text/locate.ts";
import { isAbout, suppressionComments, type Span } from "./suppression-comments.ts";

const stringRecord = (v: unknown): Record<string, string> =>
  isObject(v)
    ? Object.fromEntries(
        Object.entries(v).map(([k, x]) => [k, typeof x === "string" ? x : String(x)]),
      )
    : {};

/** One rule as our model has it, or undefined when it is neither an alert nor a recording rule. */
function toRule(raw: Json): Rule | undefined {
  const expr =
    typeof raw.expr === "string" ? raw.expr : raw.expr === undefined ? "" : String(raw.expr);
  if (raw.alert !== undefined) {
    return {
      kind: "alert",
      alert: String(raw.alert),
      expr,
      // Missing fields stay missing: alerts/for and alerts/required-fields report them.
      for: (raw.for === undefined ? undefined : String(raw.for)) as Duration,
      ...(raw.keep_firing_for !== undefined
        ? { keepFiringFor: String(raw.keep_firing_for) as Duration }
        : {}),
      labels: stringRecord(raw.labels) as never,
      annotations: stringRecord(raw.annotations) as never,
    };
  }
  if (raw.record !== undefined) {
    return {
      kind: "record",
      record: String(raw.record),
      expr,
      ...(isObject(raw.labels) ? { labels: stringRecord(raw.labels) } : {}),
    };
  }
  return undefined;
}

/** How the reader finds its way in the text the groups were read from. */
export interface RuleText {
  /** The text holding the groups (the file, or a ConfigMap's string). */
  text: string;
  /** Where the node at each path starts, in the file: all at once (a JSON text is scanned once). */
  locate(paths: readonly Path[]): (Position | undefined)[];
  /** The lines a node at a path spans, in `text`. */
  span(path: Path): Span | undefined;
  /** A line of `text` as a line of the file. */
  fileLine(line: number): number;
}

export interface RuleFileRead {
  groups: RuleGroupSource[];
  /** Groups of the Loki ruler: their expressions are LogQL (a Loki rule file). */
  logGroups: RuleGroupSource[];
  /** The indexes (in `groups:`) of the groups in `logGroups`. */
  logGroupIndexes: number[];
  /** Where each group is, and each rule by group and position. */
  groupPaths: Map<string, Path>;
  rulePaths: Map<string, Path | null>;
  findings: Finding[];
  /** Suppression comments about the whole file (not inside or above a group). */
  fileSuppressions: Required<Suppression>[];
}

/**
 * A group of the Loki ruler: its expressions are LogQL, none of them PromQL (what Loki's own
 * rule files, and a rule file given to check by mistake, hold).
 */
const isLogGroup = (rules: Rule[]): boolean =>
  rules.some((r) => r.expr.trim() !== "") &&
  rules.every(
    (r) =>
      r.expr.trim() === "" ||
      (parsePromql(r.expr).errors.length > 0 && parseLogql(r.expr).errors.length === 0),
  );

/** vmalert's group `type`: rules of another query language than PromQL are not checked. */
const promqlGroupTypes = new Set(["", "prometheus"]);

export function readRuleGroups(file: string, data: Json, base: Path, t: RuleText): RuleFileRead {
  const problems: { path: Path; finding: Finding }[] = [];
  const problem = (path: Path, message: string, severity: Finding["severity"] = "error") =>
    problems.push({ path, finding: { rule: "check/input", severity, where: { file }, message } });
  const lines = t.text.split("\n");
  const comments = suppressionComments(t.text);
  const claimed = new Set<(typeof comments)[number]>();
  const about = (span: Span | undefined): Suppression[] =>
    span
      ? comments
          .filter((c) => !claimed.has(c) && isAbout(lines, c.line, span))
          .map(
            (c) => (claimed.add(c), { rule: c.rule, reason: c.reason, line: t.fileLine(c.line) }),
          )
      : [];
  const groupPaths = new Map<string, Path>();
  // A rule's path by group and name; null when the name is not unique in its group, since a
  // finding names the rule and there is no telling which one it means.
  const rulePaths = new Map<string, Path | null>();
  const groups: RuleGroupSource[] = [];
  const logGroups: RuleGroupSource[] = [];
  const logGroupIndexes: number[] = [];
  // `groups:` with nothing under it (null) is an empty rule file, as Prometheus reads it.
  if (data.groups !== null && !Array.isArray(data.groups)) {
    problem([...base, "groups"], '"groups" must be a list of rule groups.');
  }
  asArray(data.groups).forEach((g, i) => {
    const path = [...base, "groups", i];
    if (!isObject(g)) {
      return problem(path, `Group ${i + 1} is not a mapping: give it a name and rules.`);
    }
    const name = str(g.name) ?? `#${i + 1}`;
    const type = str(g.type) ?? "";
    if (!promqlGroupTypes.has(type)) {
      return problem(
        path,
        `Group "${name}" is of vmalert type "${type}", not PromQL: it was not checked.`,
        "info",
      );
    }
    if (!groupPaths.has(name)) groupPaths.set(name, path);
    const rules: Rule[] = [];
    asArray(g.rules).forEach((r, j) => {
      const rulePath = [...path, "rules", j];
      const rule = isObject(r) ? toRule(r) : undefined;
      if (!rule) {
        return problem(
          rulePath,
          `Rule ${j + 1} of group "${name}" has neither "alert" nor "record".`,
        );
      }
      const key = `${name}\u0000${rule.kind === "alert" ? rule.alert : rule.record}`;
      rulePaths.set(key, rulePaths.has(key) ? null : rulePath);
      const disable = about(t.span(rulePath));
      rules.push(disable.length > 0 ? { ...rule, disable } : rule);
    });
    const disable = about(t.span(path));
    const source = {
      file,
      group: {
        name,
        ...(g.interval !== undefined ? { interval: String(g.interval) as Duration } : {}),
        rules,
        ...(disable.length > 0 ? { disable } : {}),
      },
    };
    if (isLogGroup(rules)) {
      logGroups.push(source);
      logGroupIndexes.push(i);
    } else groups.push(source);
  });
  const fileSuppressions = comments
    .filter((c) => !claimed.has(c))
    .map((c) => ({ rule: c.rule, reason: c.reason, line: t.fileLine(c.line) }));
  const positions = t.locate(problems.map((p) => p.path));
  const findings = problems.map(({ finding }, i) => ({
    ...finding,
    where: { ...finding.where, ...positions[i] },
  }));
  return { groups, logGroups, logGroupIndexes, groupPaths, rulePaths, findings, fileSuppressions };
}

/** Where a finding about a rule of these groups is, from its group, rule name and pointer. */
export function rulePath(read: RuleFileRead, where: Where): Path | undefined {
  if (where.group === undefined) return undefined;
  return where.alert !== undefined
    ? (read.rulePaths.get(`${where.group}\u0000${where.alert}`) ?? undefined)
    : read.groupPaths.get(where.group);
}
