/**
 * npm run check -- <files or folders...> [--profile community|platform] [--config <file>]
 *   [--catalogue <file|dir>]... [--no-catalogue] [--strict] [--format json]
 *
 * The build's checks on dashboards and Prometheus rule files from anywhere: exported from the
 * Grafana UI, written by another team, or our own generated output. Each file is checked with
 * the nearest `.monitoring-check.yaml` above it (or --config): its profile (community by
 * default), catalogues, Prometheus version, severities and suppressions. Exits 1 when a check
 * fails (fatal and errors; warnings too with --strict), 2 on a usage error.
 */
import { lstatSync, readdirSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { modelChecks } from "../checks/index.ts";
import {
  defaultSettings,
  platformSettings,
  runChecks,
  type CheckSettings,
} from "../checks/check.ts";
import { applyPolicy } from "../checks/policy.ts";
import { defaultProfile, profileNames, type ProfileName } from "../checks/profiles.ts";
import { modelSuppressions, type SuppressionEntry } from "../checks/suppressions.ts";
import { findingOptions, report, type Format } from "../cli/report.ts";
import { UsageError, type Command } from "../cli/run.ts";
import { failing, foldCascades, type Finding } from "../findings.ts";
import type { Catalogue } from "../model/catalogue.ts";
import { alertsTemplate } from "../checks/alerts/template.ts";
import { promqlSyntax } from "../checks/promql/syntax.ts";
import { alertsDurations } from "../checks/alerts/durations.ts";
import type { Model } from "../model/index.ts";
import { promtoolFindings, promtoolRule, type PromtoolInput } from "../promtool/check-rules.ts";
import { repoRoot } from "../repo.ts";
import { findCheckConfig, loadCheckConfig, type CheckConfig } from "../sources/check-config.ts";
import { parseInput, type ParsedInput } from "../sources/foreign.ts";
import { loadSources } from "../sources/load.ts";
import { loadCatalogueFiles } from "../sources/model-of.ts";
import { readText, unreadableWhy } from "../sources/read-text.ts";

/** What a folder is searched for; a file named on the command line is read whatever its name. */
const checkedExtensions = /\.(json|ya?ml|rules)$/i;

/** A problem with a path given to check; one that cannot be read at all is fatal. */
const inputProblem = (
  file: string,
  message: string,
  severity: Finding["severity"] = "fatal",
): Finding => ({
  rule: "check/input",
  severity,
  where: { file },
  message,
});

interface Candidate {
  /** As shown in findings: relative to the cwd when below it. */
  file: string;
  abs: string;
  /** Named on the command line (not found in a folder). */
  explicit: boolean;
}

/**
 * promtool's errors that one of our checks already reports, with a caret and a place:
 * [promtool's message, the field ours points at (none: promtool names no rule, so ours
 * anywhere in the file), our check].
 */
const reportedByOurs: [RegExp, ((m: RegExpMatchArray) => string) | undefined, string][] = [
  [/: (label|annotation) "([^"]*)": template: /, (m) => `/${m[1]}s/${m[2]}`, alertsTemplate.id],
  [/: could not parse expression: /, () => "/expr", promqlSyntax.id],
  [/: (empty|not a valid) duration string/, undefined, alertsDurations.id],
];

/** Each error once: promtool's dropped where ours says the same (see reportedByOurs). */
function withoutRepeatedErrors(findings: Finding[]): Finding[] {
  const atField = (f: Finding, rule: string, pointer: string | undefined) =>
    JSON.stringify([rule, f.where.file, f.where.group, f.where.alert, pointer]);
  const inFile = (f: Finding, rule: string) => JSON.stringify([rule, f.where.file]);
  const ours = new Set(
    findings
      .filter((f) => f.severity === "error")
      .flatMap((f) => [atField(f, f.rule, f.where.pointer), inFile(f, f.rule)]),
  );
  return findings.filter(
    (f) =>
      f.rule !== promtoolRule ||
      !reportedByOurs.some(([pattern, pointer, rule]) => {
        const m = f.message.match(pattern);
        return m !== null && ours.has(pointer ? atField(f, rule, pointer(m)) : inFile(f, rule));
      }),
  );
}

/**
 * The files named on the command line, folders expanded to the dashboards and YAML inside
 * (hidden entries left out). Inside a folder, a link to a folder is not followed (it could
 * loop); a folder with nothing to check is an error, so a mistyped path in CI cannot pass.
 */
function expand(cwd: string, args: string[]): { files: Candidate[]; findings: Finding[] } {
  const files = new Map<string, Candidate>();
  const findings: Finding[] = [];
  const display = (abs: string, given: string) => {
    const rel = relative(cwd, abs);
    return rel.startsWith("..") || isAbsolute(rel) ? given : rel.split("\\").join("/");
  };
  const seen = new Set<string>();
  const visit = (abs: string, given: string, explicit: boolean): number => {
    let isDir: boolean;
    try {
      if (!explicit && lstatSync(abs).isSymbolicLink() && statSync(abs).isDirectory()) {
        findings.push(
          inputProblem(
            given,
            "A link to a folder: not followed. Name the folder itself to check it.",
            "warning",
          ),
        );
        return 0;
      }
      isDir = statSync(abs).isDirectory();
    } catch (e) {
      if (explicit || checkedExtensions.test(abs))
        findings.push(inputProblem(given, `Cannot read it (${unreadableWhy(e)}).`));
      return 0;
    }
    if (!isDir) {
      if (!explicit && !checkedExtensions.test(abs)) return 0;
      if (!files.has(abs)) files.set(abs, { file: display(abs, given), abs, explicit });
      return 1;
    }
    const real = realpathSync(abs);
    if (seen.has(real)) return 0;
    seen.add(real);
    let entries: string[];
    try {
      entries = readdirSync(abs).sort();
    } catch (e) {
      findings.push(inputProblem(given, `Cannot read it (${unreadableWhy(e)}).`));
      return 0;
    }
    let count = 0;
    for (const entry of entries) {
      if (!entry.startsWith(".")) count += visit(join(abs, entry), join(given, entry), false);
    }
    if (explicit && count === 0) {
      findings.push(
        inputProblem(
          given,
          "An empty folder: no dashboard (*.json) or rule file (*.yml, *.yaml, *.rules) in it or below it, so nothing was checked. Check the path.",
          "error",
        ),
      );
    }
    return count;
  };
  for (const arg of args) visit(resolve(cwd, arg), arg, true);
  return { files: [...files.values()], findings };
}

/** Read one file given to `npm run check`: its model, or a finding; never an exception. */
function readInput(c: Candidate): ParsedInput | Finding {
  const read = readText(c.abs);
  if ("problem" in read) {
    return inputProblem(c.file, `Cannot read it (${read.problem}).`);
  }
  try {
    return parseInput(c.file, read.text);
  } catch (e) {
    // A bug of the reader's, not the file's: the other files are still checked.
    return inputProblem(c.file, `Cannot read it (${unreadableWhy(e)}).`);
  }
}

/** What decides how the given files are checked. */
export interface CheckInputs {
  profile?: ProfileName;
  config?: string;
  catalogue: string[];
  "no-catalogue": boolean;
}

export interface CheckOptions extends CheckInputs {
  strict: boolean;
  format: Format;
}

type Input = ParsedInput & Candidate;

/** This repository's sources, as loadSources gives them. */
type Sources = Awaited<ReturnType<typeof loadSources>>;

/** A config file's disable entries as suppressions of the findings in the files it covers. */
function configSuppressions(config: CheckConfig, inputs: readonly Input[]): SuppressionEntry[] {
  const absOf = new Map(inputs.map((i) => [i.file, i.abs]));
  return config.disable.map((entry) => ({
    rule: entry.rule,
    reason: entry.reason,
    at: { file: config.file, line: entry.line },
    syntax: "disable: [{ rule, reason, paths }] in the config file",
    applicable: inputs.some((i) => config.covers(entry, i.abs)),
    covers: (f) => {
      const abs = absOf.get(f.where.file);
      return abs !== undefined && config.covers(entry, abs);
    },
  }));
}

/** `# lint-disable` comments outside any group: about every finding of their file. */
const fileSuppressions = (inputs: readonly Input[]): SuppressionEntry[] =>
  inputs.flatMap((i) =>
    i.suppressions.map((s) => ({
      rule: s.rule,
      reason: s.reason,
      at: { file: i.file, line: s.line },
      syntax: "# lint-disable <rule>: <reason>",
      covers: (f: Finding) => f.where.file === i.file,
    })),
  );

/** The files that share a config (or none): checked together, under its settings. */
interface Group {
  config?: CheckConfig;
  inputs: Input[];
}

function groupByConfig(
  cwd: string,
  inputs: Input[],
  given: string | undefined,
): { groups: Group[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const loaded = new Map<string, CheckConfig | null>();
  const load = (abs: string) => {
    if (!loaded.has(abs)) {
      const shown = relative(cwd, abs).split("\\").join("/");
      const r = loadCheckConfig(shown.startsWith("..") ? abs : shown, abs);
      findings.push(...r.findings);
      loaded.set(abs, r.config ?? null);
    }
    return loaded.get(abs);
  };
  const groups = new Map<string, Group>();
  for (const input of inputs) {
    const path = given ? resolve(cwd, given) : findCheckConfig(input.abs);
    const config = path ? load(path) : undefined;
    // A broken config stops the files it applies to: checking them otherwise would mislead.
    if (config === null) continue;
    const key = path ?? "";
    const group = groups.get(key) ?? { ...(config ? { config } : {}), inputs: [] };
    group.inputs.push(input);
    groups.set(key, group);
  }
  return { groups: [...groups.values()], findings };
}

const profileOf = (group: Group, opts: CheckInputs): ProfileName =>
  opts.profile ?? group.config?.profile ?? defaultProfile;

/** Whether a group is checked against our catalogue: none given, and not --no-catalogue. */
const onOurCatalogue = (group: Group, opts: CheckInputs): boolean =>
  opts.catalogue.length === 0 && !group.config?.catalogues && !opts["no-catalogue"];

/** Whether our recording rules are facts for a group: the platform profile on our catalogue. */
const readsOurRules = (group: Group, opts: CheckInputs): boolean =>
  profileOf(group, opts) === "platform" && onOurCatalogue(group, opts);

/** Check one group of files: its model, its profile, its suppressions. */
function checkGroup(
  cwd: string,
  group: Group,
  sources: { model: Model; findings: Finding[] },
  every: Pick<Model, "ruleGroups" | "logRuleGroups">,
  opts: CheckInputs,
  catalogues: Map<string, { catalogue: Catalogue; findings: Finding[] }>,
): { findings: Finding[]; suppressed: number; promtoolMissing: number } {
  const { config, inputs } = group;
  const profile = profileOf(group, opts);
  const { model: ours, findings: sourceFindings } = sources;
  const given =
    opts.catalogue.length > 0 ? opts.catalogue.map((c) => resolve(cwd, c)) : config?.catalogues;
  const theirs = onOurCatalogue(group, opts);
  // Each catalogue is read once, and its findings (our sources' for ours) reported once, however
  // many config groups use it.
  const key = opts["no-catalogue"] ? "none" : given ? `files:${given.join("\0")}` : "ours";
  const loaded =
    catalogues.get(key) ??
    (opts["no-catalogue"]
      ? loadCatalogueFiles(cwd, [], true)
      : given
        ? loadCatalogueFiles(cwd, given, true)
        : { catalogue: ours.catalogue, findings: sourceFindings });
  const reported = catalogues.has(key);
  catalogues.set(key, loaded);
  const catalogue = {
    catalogue: theirs ? ourCatalogue(loaded.catalogue, profile) : loaded.catalogue,
    findings: reported ? [] : loaded.findings,
  };
  const model: Model = {
    ...ours,
    catalogue: catalogue.catalogue,
    dashboards: inputs.flatMap((i) => i.dashboards),
    // Our recording rules are facts of our platform: known where our catalogue holds for all.
    ruleGroups: [...(readsOurRules(group, opts) ? ours.ruleGroups : []), ...every.ruleGroups],
    logRuleGroups: every.logRuleGroups,
  };
  const base: CheckSettings =
    profile === "platform" ? platformSettings(ours.platform) : defaultSettings;
  const settings: CheckSettings = {
    ...base,
    ...(config?.scrapeInterval ? { scrapeInterval: config.scrapeInterval } : {}),
    ...(config?.prometheusVersion ? { prometheusVersion: config.prometheusVersion } : {}),
  };
  const files = new Set(inputs.map((i) => i.file));
  const ruleFiles: PromtoolInput[] = inputs
    .filter((i) => i.findings.every((f) => f.severity !== "fatal"))
    .flatMap((i) =>
      i.ruleFiles.map((r) => ({
        file: i.file,
        ...r,
        cut: r.text !== undefined,
        locateText: i.locateText,
      })),
    );
  const promtool = promtoolFindings(cwd, ruleFiles);
  const own = (m: Model) => ({
    ...m,
    dashboards: m.dashboards.filter((d) => files.has(d.file)),
    ruleGroups: m.ruleGroups.filter((g) => files.has(g.file)),
    logRuleGroups: m.logRuleGroups.filter((g) => files.has(g.file)),
  });
  const settled = applyPolicy(
    [
      ...catalogue.findings,
      ...inputs.flatMap((i) => i.findings),
      ...runChecks(modelChecks, model, { settings, profile }).filter((f) =>
        files.has(f.where.file),
      ),
      ...(promtool.ran ? promtool.findings : []),
    ],
    modelChecks,
    {
      profile,
      severity: config?.severity ?? {},
      suppressions: [
        ...modelSuppressions(own(model)),
        ...fileSuppressions(inputs),
        ...(config ? configSuppressions(config, inputs) : []),
      ],
    },
  );
  return {
    findings: settled.findings,
    suppressed: settled.suppressed.length,
    promtoolMissing: promtool.ran ? 0 : ruleFiles.length,
  };
}

/**
 * Our catalogue describes every selector of our sources, but only our jobs in another team's
 * files: a selector there that names no job (or another) must not borrow our facts.
 */
const ourCatalogue = (c: Catalogue, profile: ProfileName): Catalogue =>
  profile === "platform" ? c : { ...c, files: c.files.map((f) => ({ ...f, anyJob: false })) };

/** Where the skipped files are, in words: "3 (2 neither a dashboard nor a rule file, 1 ...)". */
function describeSkipped(skipped: Input[]): string {
  const why = new Map<string, number>();
  for (const s of skipped) why.set(s.skipped!, (why.get(s.skipped!) ?? 0) + 1);
  const parts = [...why].sort((a, b) => b[1] - a[1]).map(([w, n]) => `${n} ${w}`);
  return `; skipped ${skipped.length} that are not (${parts.join("; ")})`;
}

export interface CheckResult {
  /** The files checked. */
  files: string[];
  /** Files a folder search found that are neither a dashboard nor a rule file. */
  skipped: Input[];
  findings: Finding[];
  /** How many findings a suppression silenced. */
  suppressed: number;
  /** Rule files that promtool would have checked, had it been on PATH. */
  promtoolMissing: number;
}

/**
 * Every finding about the given files (and about the catalogue they are checked against), after
 * the profile, severities and suppressions. `sources` are this repository's, loaded once by a
 * caller that checks many times.
 */
export async function checkPaths(
  cwd: string,
  paths: string[],
  sources?: Sources,
  opts: CheckInputs = { catalogue: [], "no-catalogue": false },
): Promise<CheckResult> {
  if (opts["no-catalogue"] && opts.catalogue.length > 0) {
    throw new UsageError("give --catalogue or --no-catalogue, not both");
  }
  const { files, findings } = expand(cwd, paths);
  const read: Input[] = files.flatMap((c) => {
    const r = readInput(c);
    if ("rule" in r) {
      findings.push(r);
      return [];
    }
    return [{ ...r, ...c }];
  });
  // A file found in a folder that is neither a dashboard nor a rule file is skipped, and
  // counted; one named on the command line was meant to be checked.
  const skipped = read.filter((i) => i.skipped && !i.explicit);
  const inputs = read.filter((i) => !skipped.includes(i));
  for (const i of inputs) {
    if (i.skipped) {
      i.findings.push({
        rule: "check/input",
        severity: "error",
        where: { file: i.file, line: 1 },
        message: `Not checked: ${i.skipped}. Give a Grafana dashboard (JSON, or a resource or ConfigMap holding one) or a Prometheus rule file (groups:, or a PrometheusRule).`,
      });
    }
  }
  const checked = inputs.map((i) => i.file);
  const grouped = groupByConfig(cwd, inputs, opts.config);
  // Our rule groups are read only where our recording rules are facts (see checkGroup); our
  // dashboards and drills never.
  const ourRules = grouped.groups.some((g) => readsOurRules(g, opts));
  const ours = sources ?? (await loadSources(repoRoot, undefined, ourRules ? ["ruleGroups"] : []));
  const { model } = ours;
  if (!model) {
    const all = [...findings, ...ours.findings];
    return { files: checked, skipped, findings: all, suppressed: 0, promtoolMissing: 0 };
  }
  const every = {
    ruleGroups: inputs.flatMap((i) => i.ruleGroups),
    logRuleGroups: inputs.flatMap((i) => i.logRuleGroups),
  };
  const catalogues = new Map<string, { catalogue: Catalogue; findings: Finding[] }>();
  const runs = grouped.groups.map((g) =>
    checkGroup(cwd, g, { model, findings: ours.findings }, every, opts, catalogues),
  );
  const all = [...findings, ...grouped.findings, ...runs.flatMap((r) => r.findings)];
  const unplacedIn = new Map<string, Finding[]>();
  for (const f of all.filter((f) => f.where.line === undefined)) {
    const list = unplacedIn.get(f.where.file) ?? [];
    list.push(f);
    unplacedIn.set(f.where.file, list);
  }
  for (const input of inputs) {
    const unplaced = unplacedIn.get(input.file) ?? [];
    if (unplaced.length === 0) continue;
    input.locate(unplaced.map((f) => f.where)).forEach((at, i) => {
      if (at) unplaced[i]!.where = { ...unplaced[i]!.where, ...at };
    });
  }
  return {
    files: checked,
    skipped,
    findings: foldCascades(withoutRepeatedErrors(all)),
    suppressed: runs.reduce((n, r) => n + r.suppressed, 0),
    promtoolMissing: runs.reduce((n, r) => n + r.promtoolMissing, 0),
  };
}

export async function check(cwd: string, paths: string[], opts: CheckOptions): Promise<number> {
  const { files, skipped, findings, suppressed, promtoolMissing } = await checkPaths(
    cwd,
    paths,
    undefined,
    opts,
  );
  report(findings, { ...opts, command: "check", suppressed });
  if (opts.format === "text") {
    const note = promtoolMissing > 0 ? " (promtool not on PATH: not run)" : "";
    const skip = skipped.length > 0 ? describeSkipped(skipped) : "";
    process.stderr.write(
      `Checked ${files.length} file(s)${skip}${note}${findings.length === 0 ? ": no findings" : ""}.\n`,
    );
  }
  return failing(findings, opts.strict).length > 0 ? 1 : 0;
}

const options = {
  ...findingOptions,
  profile: {
    type: "string",
    choices: profileNames,
    description:
      "Which checks run: community (what holds for any team's files) or platform (our house rules too). Default: the config file's, else community.",
  },
  config: {
    type: "string",
    description:
      "The config file to use for every checked file (default: the nearest .monitoring-check.yaml above each).",
  },
  catalogue: {
    type: "string",
    multiple: true,
    description:
      "A catalogue file or folder (the config/metrics/ format; npm run catalogue -- import makes one) of the checked files' metrics, instead of ours.",
  },
  "no-catalogue": {
    type: "boolean",
    description: "Use no catalogue: no metric is unknown, types come from naming conventions.",
  },
} as const;

export const checkCommand: Command<typeof options> = {
  name: "check",
  summary:
    "Run the checks on Grafana dashboards and Prometheus rule files from anywhere (JSON or YAML, wrapped in PrometheusRules, ConfigMaps or Grafana resources); folders are searched.",
  options,
  positionals: { name: "<dashboard.json | rules.yml | folder>", min: 1 },
  run: ({ values, positionals, cwd }) => check(cwd, positionals, values),
};
