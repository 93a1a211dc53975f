/**
 * How a check is written: `defineCheck({ id, description, severity, scope, check })`. The check
 * says what is wrong with one thing of its scope (a dashboard, a panel, a query, a rule, a
 * catalogue file, or the whole model); this module does the iteration and turns each problem
 * into a finding with the rule id, the severity and where it is. Severities per rule,
 * suppressions and profiles plug in here.
 *
 * One check per file, named after its id: checks/<group>/<name>.ts is `group/name`. Profiles
 * (which checks run, at which severity) and suppressions are applied to the findings afterwards
 * (policy.ts), so a check never needs to know about either.
 */
import type { Cause, Finding, Severity, Where } from "../findings.ts";
import type { CatalogueFile } from "../model/catalogue.ts";
import type { DashboardSource } from "../model/dashboard.ts";
import type { Files, Model } from "../model/index.ts";
import type { Platform } from "../model/platform.ts";
import type { AlertingRule, Rule, RuleGroupSource } from "../model/rules.ts";
import { panelsOf, type PanelRef } from "../model/walk.ts";
import { atSource, dashboardWhere, ruleWhere } from "../model/where.ts";
import { parseLogql } from "../logql/parse.ts";
import { parsePromql, type ParsedQuery } from "../promql/parse.ts";
import { excerpt } from "../text/excerpt.ts";
import { thrownMessage } from "../text/thrown.ts";
import { seriesIndex, type SeriesIndex } from "./known-series.ts";
import { severityIn, type ProfileName } from "./profiles.ts";
import { logQueries, promQueries, type LogQuery, type PromQuery } from "./queries.ts";

/** What a check says is wrong; the framework adds the rule id, severity and location. */
export interface Problem {
  message: string;
  /** Offset in the query (or template) as written: the message then shows it with a caret. */
  offset?: number;
  /** The text `offset` points into, when it is not the query itself (an alert template). */
  text?: string;
  /** JSON pointer of the problem, when more precise than the thing checked. */
  pointer?: string;
  /** Overrides the check's severity for this problem. */
  severity?: Severity;
  /** More location detail (a refId, a variable), or all of it for the model and files scopes. */
  where?: Partial<Where>;
  /** The broken catalogue entry this problem only follows from (see foldCascades). */
  followsFrom?: Cause;
}

/** A problem's location at a panel of the dashboard being checked (and a pointer inside it). */
export const atPanel = (
  ref: PanelRef,
  pointer = ref.pointer,
): Required<Pick<Problem, "pointer" | "where">> => ({
  pointer,
  where: { panel: { id: ref.id, title: ref.title } },
});

/** What the checked files run on: facts a check needs that neither the model nor a file says. */
export interface CheckSettings {
  /** The Prometheus version rules and queries must work on; undefined: the newest. */
  prometheusVersion?: string;
  /**
   * How often the selected series are scraped (a Prometheus duration); undefined when nothing
   * says (another team's files without a config file): checks that need it stay silent.
   */
  scrapeInterval?: string;
  /**
   * The profile the files are held to, for a check whose rule itself differs (an alert's
   * identity: its name under our house rules, name and labels for anyone); undefined: platform.
   */
  profile?: ProfileName;
}

/** What another team's files run on, as far as is known without a config file: nothing. */
export const defaultSettings: CheckSettings = {};

/** What our own sources run on, from config/platform.ts. */
export const platformSettings = (platform: Platform): CheckSettings => ({
  prometheusVersion: platform.monitoring.prometheusVersion,
  scrapeInterval: platform.monitoring.scrapeInterval,
});

/** The model with what checks share, computed once per run. */
export interface CheckContext {
  model: Model;
  settings: CheckSettings;
  /** The rendered files: set for output checks only. */
  files?: Files;
  /** What the catalogue and the recording rules say about each series name. */
  readonly index: SeriesIndex;
  /** A value computed once per run (a check that runs per query and needs a whole-model fact). */
  memo<T>(key: string, compute: () => T): T;
  /** Set when the same sources are checked again and again (the watch): earlier results. */
  readonly reuse?: CheckReuse;
}

/**
 * Problems found by earlier runs, kept by a caller that checks the same sources over and over
 * (`npm run build -- --watch`): it hands back what a check found on the subjects of an owner (a
 * dashboard, a rule group, or a subject on its own) last time when nothing the check read has
 * changed since, and otherwise runs it (on the context it is given, which may be one that notes
 * what the check reads). The subjects of an owner are a function of it.
 */
export interface CheckReuse {
  problems(
    check: string,
    owner: unknown,
    ctx: CheckContext,
    run: (ctx: CheckContext) => Problem[][],
  ): Problem[][];
}

/** What one check of each scope is handed. */
export interface Subjects {
  model: Record<string, never>;
  files: { files: Files };
  dashboard: { dashboard: DashboardSource };
  panel: { dashboard: DashboardSource; panel: PanelRef };
  /** Every PromQL expression that parses (syntax errors are promql/syntax's to report). */
  promql: { query: PromQuery; parsed: ParsedQuery };
  /** Every PromQL expression, parsed or not. */
  "promql-text": { query: PromQuery; parsed: ParsedQuery };
  logql: { query: LogQuery; parsed: ParsedQuery };
  rule: { group: RuleGroupSource; rule: Rule };
  alert: { group: RuleGroupSource; rule: AlertingRule };
  catalogue: { file: CatalogueFile };
}

export type Scope = keyof Subjects;

export interface CheckDefinition<S extends Scope> {
  /** `group/name`, the check's file path under checks/. */
  id: string;
  /** One line for the README and `--list`. */
  description: string;
  severity: Severity;
  scope: S;
  /**
   * Its severity under a profile other than `platform` (where it has `severity`), or "off".
   * House rules of ours (a description on every panel, our severity labels) are off for
   * `community`; a profile not named here runs the check at `severity`.
   */
  profiles?: Partial<Record<ProfileName, Severity | "off">>;
  check(subject: Subjects[S], context: CheckContext): Problem[];
}

export interface Check {
  id: string;
  description: string;
  severity: Severity;
  scope: Scope;
  profiles: Partial<Record<ProfileName, Severity | "off">>;
  run(context: CheckContext): Finding[];
}

/** A context over `model`: the series index is built on first use, once per model. */
export function checkContext(
  model: Model,
  opts: { files?: Files; settings?: CheckSettings; reuse?: CheckReuse } = {},
): CheckContext {
  const memos = new Map<string, unknown>();
  return {
    model,
    settings: opts.settings ?? defaultSettings,
    files: opts.files,
    ...(opts.reuse ? { reuse: opts.reuse } : {}),
    get index() {
      return seriesIndex(model);
    },
    memo<T>(key: string, compute: () => T): T {
      if (!memos.has(key)) memos.set(key, compute());
      return memos.get(key) as T;
    },
  };
}

interface Listed<S extends Scope> {
  subject: Subjects[S];
  where: Where;
  text?: string;
  /** What the subject is made from, with others next to it: its dashboard or rule group. */
  owner?: object;
}

/** Each thing of a scope, with where a problem about it is by default. */
function subjectsOf<S extends Scope>(scope: S, ctx: CheckContext): Listed<S>[] {
  const { model } = ctx;
  const out = (list: { subject: unknown; where: Where; text?: string; owner?: object }[]) =>
    list as Listed<S>[];
  switch (scope) {
    case "model":
      return out([{ subject: {}, where: { file: "" } }]);
    case "files":
      return out(ctx.files ? [{ subject: { files: ctx.files }, where: { file: "" } }] : []);
    case "dashboard":
      return out(
        model.dashboards.map((d) => ({ subject: { dashboard: d }, where: dashboardWhere(d) })),
      );
    case "panel":
      return out(
        model.dashboards.flatMap((d) =>
          panelsOf(d.dashboard).map((panel) => ({
            subject: { dashboard: d, panel },
            where: dashboardWhere(d, panel),
            owner: d,
          })),
        ),
      );
    case "promql":
    case "promql-text":
      // Listed once per run: a dozen checks walk the same queries.
      return out(
        ctx
          .memo("promql", () =>
            promQueries(model).map((query) => ({ query, parsed: parsePromql(query.expr) })),
          )
          .filter(({ parsed }) => scope === "promql-text" || parsed.errors.length === 0)
          .map((subject) => ({
            subject,
            where: subject.query.where,
            text: subject.query.expr,
            owner: subject.query.dashboard ?? subject.query.group,
          })),
      );
    case "logql":
      return out(
        logQueries(model).map((query) => ({
          subject: { query, parsed: parseLogql(query.expr) },
          where: query.where,
          text: query.expr,
        })),
      );
    case "rule":
    case "alert":
      return out(
        [...model.ruleGroups, ...model.logRuleGroups].flatMap((group) =>
          group.group.rules
            .filter((rule) => scope === "rule" || rule.kind === "alert")
            .map((rule) => ({
              subject: { group, rule },
              where: ruleWhere(group, rule.kind === "alert" ? rule.alert : rule.record),
              owner: group,
            })),
        ),
      );
    case "catalogue":
      return out(
        model.catalogue.files.map((file) => ({ subject: { file }, where: { file: file.file } })),
      );
  }
  throw new Error(`unknown check scope ${String(scope)}`);
}

/**
 * What a check says about one subject. A check that throws is a bug of ours, yet it must not
 * cost the user every other finding: it becomes an error at that subject, and the run goes on.
 */
function problemsOf<S extends Scope>(
  def: CheckDefinition<S>,
  subject: Subjects[S],
  ctx: CheckContext,
): Problem[] {
  try {
    return def.check(subject, ctx);
  } catch (e) {
    return [
      {
        severity: "error",
        message: `The check itself failed here (${thrownMessage(e)}): a bug of ours, please report it with this file. The other checks ran.`,
      },
    ];
  }
}

/** Each subject's problems, those of one owner kept and handed back together by `reuse`. */
function reusedProblems<S extends Scope>(
  def: CheckDefinition<S>,
  listed: Listed<S>[],
  ctx: CheckContext,
  reuse: CheckReuse,
): Problem[][] {
  const out: Problem[][] = [];
  for (let i = 0, j = 1; i < listed.length; i = j, j = i + 1) {
    const owner = listed[i]!.owner;
    if (owner) while (j < listed.length && listed[j]!.owner === owner) j++;
    const part = listed.slice(i, j);
    const run = (c: CheckContext) => part.map(({ subject }) => problemsOf(def, subject, c));
    out.push(...reuse.problems(def.id, owner ?? part[0]!.subject, ctx, run));
  }
  return out;
}

export function defineCheck<S extends Scope>(def: CheckDefinition<S>): Check {
  return {
    id: def.id,
    description: def.description,
    severity: def.severity,
    scope: def.scope,
    profiles: def.profiles ?? {},
    run(ctx) {
      const listed = subjectsOf(def.scope, ctx);
      const problems = ctx.reuse
        ? reusedProblems(def, listed, ctx, ctx.reuse)
        : listed.map(({ subject }) => problemsOf(def, subject, ctx));
      return listed.flatMap(({ where, text }, i) =>
        problems[i]!.map((p): Finding => {
          const shown = p.text ?? text;
          return {
            rule: def.id,
            severity: p.severity ?? def.severity,
            where: {
              ...where,
              ...(p.pointer !== undefined ? { pointer: p.pointer } : {}),
              ...p.where,
            },
            message:
              p.offset === undefined || shown === undefined
                ? p.message
                : `${p.message}\n${excerpt(shown, p.offset)}`,
            ...(p.followsFrom ? { followsFrom: p.followsFrom } : {}),
          };
        }),
      );
    },
  };
}

/**
 * Every check over one model (and, for output checks, the rendered files); those `profile`
 * leaves out do not run. The findings still get the profile's severities from the policy.
 */
export function runChecks(
  checks: readonly Check[],
  model: Model,
  opts: { files?: Files; settings?: CheckSettings; profile?: ProfileName; reuse?: CheckReuse } = {},
): Finding[] {
  const profile = opts.profile;
  const ctx = checkContext(model, {
    ...opts,
    settings: { ...(opts.settings ?? defaultSettings), ...(profile ? { profile } : {}) },
  });
  return checks
    .filter((c) => profile === undefined || severityIn(c, profile) !== "off")
    .flatMap((c) => c.run(ctx))
    .map((f) => ({ ...f, where: atSource(model, f.where) }));
}
