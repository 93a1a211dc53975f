/**
 * npm run drills [-- <drill>...] [--rules <file>] [--strict]
 *
 * Every outage drill of alerts/drills/ (or the ones named) on the real promtool, against the
 * rules the sources render (or another rule file: the alerts of an older checkout, say), after
 * the drills' own checks: each critical alert drilled, panels that exist, catalogue series.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { findingOptions, report } from "../cli/report.ts";
import { UsageError, type Command } from "../cli/run.ts";
import { failing } from "../findings.ts";
import { drillName } from "../model/drills.ts";
import { drillCoverage } from "../prometheus/drill-coverage.ts";
import { formatDrillResult, runDrills } from "../prometheus/drills.ts";
import { alertsDocument } from "../render/alerts.ts";
import { loadSources } from "../sources/load.ts";
import { didYouMean } from "../text/suggest.ts";

/** promtool runs at once: the machines have few cores, and each run is CPU-bound. */
const parallel = 2;

function readRules(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new UsageError(`--rules ${path}: cannot read it (${why}); check the path.`);
  }
}

const options = {
  rules: {
    type: "string",
    description:
      "Rule file to drill instead of the one the sources render (config/prometheus/alerts.yml of another checkout, say).",
  },
  strict: findingOptions.strict,
} as const;

export const drillsCommand: Command<typeof options> = {
  name: "drills",
  summary:
    "Run the outage drills (alerts/drills/) on promtool: what pages, by when, and that nothing else fires.",
  options,
  positionals: { name: "drill", min: 0 },
  async run({ values, positionals, cwd }) {
    const { model, findings: sourceFindings } = await loadSources(cwd);
    if (!model) {
      report(sourceFindings, { format: "text", strict: values.strict, command: "drills" });
      return 1;
    }
    const names = model.drills.map(drillName);
    for (const p of positionals) {
      if (!names.includes(p)) throw new UsageError(`no drill "${p}".${didYouMean(p, names)}`);
    }
    const findings = [...sourceFindings, ...drillCoverage(model)];
    report(findings, { format: "text", strict: values.strict, command: "drills" });
    const rules = values.rules ? readRules(resolve(cwd, values.rules)) : alertsDocument(model);
    const chosen = model.drills.filter(
      (d) => positionals.length === 0 || positionals.includes(drillName(d)),
    );
    const results = await runDrills(
      chosen.map((source) => ({ source, rules })),
      parallel,
    );
    process.stderr.write(`${results.map(formatDrillResult).join("\n")}\n`);
    const failed = results.filter((r) => !r.passed).length;
    process.stderr.write(`${results.length - failed} of ${results.length} drills passed.\n`);
    return failed > 0 || failing(findings, values.strict).length > 0 ? 1 : 0;
  },
};
