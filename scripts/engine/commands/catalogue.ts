/**
 * npm run catalogue -- import <exposition.txt | URL of a Prometheus> [--job <job>]...
 *   [--component <name>] [--description <text>] [--out <file.yaml>]
 *
 * A catalogue file in the config/metrics/ format from where the metrics really are: an
 * exporter's /metrics saved to a file (Prometheus text or OpenMetrics), or a running Prometheus
 * (its metadata, series and query APIs). `check --catalogue` reads it. The file is checked
 * like every catalogue before it is written; with no --out it goes to stdout.
 */
import { readText } from "../sources/read-text.ts";
import { errorCode } from "../text/thrown.ts";
import { basename, resolve } from "node:path";
import { buildCatalogue, type ImportSource } from "../catalogue/build.ts";
import { parseExposition } from "../catalogue/exposition.ts";
import { fromPrometheus } from "../catalogue/from-prometheus.ts";
import { report } from "../cli/report.ts";
import { UsageError, type Command } from "../cli/run.ts";
import type { Finding } from "../findings.ts";
import { PrometheusApi } from "../prometheus/api.ts";
import { parseDuration } from "../model/duration.ts";
import { parseCatalogueFile } from "../sources/catalogue.ts";
import { writeCatalogueFile } from "../write/catalogue.ts";

const options = {
  job: {
    type: "string",
    multiple: true,
    description:
      "Only the series of this job, and the job the file names (needed when the exposition carries no job label).",
  },
  component: { type: "string", description: "The file's component (default: the first job)." },
  description: { type: "string", description: "The file's description." },
  out: { type: "string", description: "The file to write (default: stdout)." },
  window: {
    type: "string",
    default: "1h",
    description: "From a Prometheus: how far back series count, and their movement is read.",
  },
} as const;

/** Problems of an import go to stderr as text: stdout may be the catalogue itself. */
const textReport = { format: "text", strict: false, command: "catalogue" } as const;

const failure = (file: string, message: string): Finding => ({
  rule: "check/input",
  severity: "fatal",
  where: { file },
  message,
});

async function importSource(
  source: string,
  cwd: string,
  jobs: string[],
  window: number,
): Promise<ImportSource & { skipped: Finding[] }> {
  if (/^https?:\/\//.test(source)) {
    const from = await fromPrometheus(new PrometheusApi(source.replace(/\/+$/, "")), {
      ...(jobs.length > 0 ? { jobs } : {}),
      windowSeconds: window,
      now: Math.floor(Date.now() / 1000),
    });
    return { ...from, skipped: [] };
  }
  const read = readText(resolve(cwd, source));
  if ("problem" in read) throw new Error(read.problem);
  const e = parseExposition(read.text);
  // Lines that are no sample are left out, and said: the rest is still a catalogue.
  const skipped = e.problems.map((p): Finding => ({
    rule: "check/input",
    severity: "warning",
    where: { file: source, line: p.line },
    message: `Skipped: ${p.message}.`,
  }));
  return { meta: e.meta, series: e.series.values(), skipped };
}

export const catalogueCommand: Command<typeof options> = {
  name: "catalogue",
  summary:
    "import: write a catalogue file (config/metrics/ format) from an exposition (Prometheus text or OpenMetrics, saved from /metrics) or a running Prometheus (its URL).",
  options,
  positionals: { name: "import <exposition.txt | http://prometheus:9090>", min: 2 },
  async run({ values, positionals, cwd }) {
    const [verb, source, ...extra] = positionals;
    if (verb !== "import") throw new UsageError(`unknown subcommand "${verb}": use import`);
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const window = parseDuration(values.window);
    if (!window) throw new UsageError(`--window takes a duration like 1h, not "${values.window}"`);
    let src: ImportSource & { skipped: Finding[] };
    try {
      src = await importSource(source!, cwd, values.job, window);
    } catch (e) {
      const why = errorCode(e);
      report([failure(source!, `Cannot import from it (${why}).`)], textReport);
      return 1;
    }
    const jobs = values.job.length > 0 ? values.job : undefined;
    const series = [...src.series];
    const seenJobs = [...new Set(series.flatMap((s) => (s.labels.job ? [s.labels.job] : [])))];
    if (!jobs && seenJobs.length === 0) {
      throw new UsageError(
        "the series carry no job label: name the job the file is for with --job",
      );
    }
    const text = buildCatalogue(
      { meta: src.meta, series },
      {
        from: /^https?:/.test(source!) ? source! : basename(source!),
        component: values.component ?? jobs?.[0] ?? seenJobs.sort()[0]!,
        ...(values.description ? { description: values.description } : {}),
        ...(jobs ? { jobs } : {}),
      },
    );
    const shown = values.out ?? "(stdout)";
    const { value, findings } = parseCatalogueFile(shown, text);
    if (src.skipped.length > 0) report(src.skipped, textReport);
    if (findings.length > 0) {
      report(findings, textReport);
      process.stderr.write("The imported catalogue is not valid: nothing was written.\n");
      return 1;
    }
    if (!values.out) {
      process.stdout.write(text);
      return 0;
    }
    const unwritable = writeCatalogueFile(resolve(cwd, values.out), text);
    if (unwritable) {
      report([failure(values.out, `Cannot write it (${unwritable}).`)], textReport);
      return 1;
    }
    process.stderr.write(`Wrote ${values.out}: ${value?.metrics.length ?? 0} metric(s).\n`);
    return 0;
  },
};
