import type { ErrorObject, ValidateFunction } from "ajv";
import type { Cause, Finding } from "../findings.ts";
import { asArray, isObject, str } from "../model/walk.ts";
import { pointerPath, positionOf, type Located, type Path } from "../text/locate.ts";
import { catalogueFileSchema, catalogueMetricSchema } from "./catalogue-schema.ts";
import { readYamlDocument } from "./yaml-document.ts";
import { paramsInWords } from "../schema/errors.ts";
import { engineSchema, engineValidator } from "../schema/precompiled.ts";
import { derivedNames } from "../model/series.ts";
import { metricTypes } from "../model/catalogue.ts";
import type {
  Catalogue,
  CatalogueFile,
  ExporterContract,
  Metric,
  MetricScope,
  MetricType,
  MetricUnit,
} from "../model/catalogue.ts";

/** The catalogue's schemas, precompiled by `npm run schema`. */
export const catalogueSchemas = [
  engineSchema("catalogue-file", catalogueFileSchema),
  engineSchema("catalogue-metric", catalogueMetricSchema),
] as const;
const [validateFile, validateMetric] = catalogueSchemas.map(engineValidator) as [
  ValidateFunction,
  ValidateFunction,
];

interface RawMetric {
  name: string;
  type: MetricType;
  unit: MetricUnit;
  help: string;
  labels?: Record<string, string[]>;
  buckets?: number[];
  scope?: MetricScope;
  requires?: string;
}

const rule = "catalogue/invalid";

const lineOf = (located: Located | undefined, path: Path): number =>
  (located && positionOf(located, path)?.line) ?? 1;

/** An ajv error in words, naming the property, label or value at fault. */
function describeError(e: ErrorObject, base = ""): string {
  const path = base + e.instancePath || "file";
  if (e.keyword === "propertyNames") {
    const name = String(e.params.propertyName);
    return `${path}: label name "${name}" is not allowed: ${name.startsWith("__") ? "names starting with __ are Prometheus' own" : "use letters, digits and _, not starting with a digit"}.`;
  }
  const extra =
    e.keyword === "pattern" && path.endsWith("/name")
      ? ` (a metric name; names starting with __ are Prometheus' own)`
      : paramsInWords(e);
  return `${path} ${e.message}${extra}.`;
}

/** The file's YAML within the input limits, its problems as findings. */
function readYaml(file: string, text: string) {
  const { located, data, problems } = readYamlDocument(text);
  const errors = problems.map((p): Finding => ({
    rule: "catalogue/yaml",
    severity: "error",
    where: { file, line: p.line, ...(p.column !== undefined ? { column: p.column } : {}) },
    message: p.message.startsWith("Invalid YAML")
      ? `${p.message} Fix the syntax at this line.`
      : p.message,
  }));
  return { located, data, errors };
}

/**
 * Parse one catalogue file. Pure: takes the file's text, returns the typed file (its valid
 * metrics) and every problem found in it, each with its line. The names of metrics with a
 * problem are `broken`: findings about queries of those names follow from that problem.
 */
export function parseCatalogueFile(
  file: string,
  text: string,
): { value?: CatalogueFile; broken: Map<string, Cause>; findings: Finding[] } {
  const { located, data, errors } = readYaml(file, text);
  const raw = isObject(data) ? data : {};
  const broken = new Map<string, Cause>();
  const breaks = (m: unknown, line: number) => {
    if (!isObject(m) || typeof m.name !== "string") return;
    const cause = { file, line };
    // With its type unknown too, any derived name may be meant.
    const derived = (metricTypes as readonly unknown[]).includes(m.type)
      ? derivedNames({ name: m.name, type: m.type as MetricType })
      : ["bucket", "sum", "count", "created"].map((s) => `${m.name}_${s}`);
    for (const series of [m.name, ...derived]) broken.set(series, cause);
  };
  if (errors.length > 0) {
    // Nothing is trusted from a file that does not parse, but its names still explain findings.
    asArray(raw.metrics).forEach((m, i) => breaks(m, lineOf(located, ["metrics", i])));
    return { broken, findings: errors };
  }
  const findings: Finding[] = [];
  const invalid = (path: Path, pointer: string, message: string) =>
    findings.push({
      rule,
      severity: "error",
      where: { file, line: lineOf(located, path), pointer },
      message,
    });
  if (!validateFile(data)) {
    for (const e of validateFile.errors ?? [])
      invalid(pointerPath(e.instancePath), e.instancePath, describeError(e));
  }
  const metrics: Metric[] = [];
  asArray(raw.metrics).forEach((m, i) => {
    const line = lineOf(located, ["metrics", i]);
    const at = `/metrics/${i}`;
    if (!validateMetric(m)) {
      for (const e of validateMetric.errors ?? []) {
        // The error of a label's name comes twice: once as its pattern, once as propertyNames.
        if (e.keyword === "pattern" && e.propertyName !== undefined) continue;
        invalid(
          ["metrics", i, ...pointerPath(e.instancePath)],
          at + e.instancePath,
          describeError(e, at),
        );
      }
      return breaks(m, line);
    }
    const problems = metricProblems(m as RawMetric);
    if (problems.length > 0) {
      for (const message of problems)
        findings.push({ rule, severity: "error", where: { file, line, pointer: at }, message });
      return breaks(m, line);
    }
    const ok = m as RawMetric;
    metrics.push({
      name: ok.name,
      type: ok.type,
      unit: ok.unit,
      help: ok.help,
      labels: Object.keys(ok.labels ?? {}).sort(),
      labelValues: ok.labels ?? {},
      scope: ok.scope ?? "instance",
      ...(ok.requires ? { requires: ok.requires } : {}),
      ...(ok.buckets ? { buckets: ok.buckets } : {}),
      file,
      line,
    });
  });
  const strings = (v: unknown) => asArray(v).filter((x): x is string => typeof x === "string");
  return {
    value: {
      file,
      component: str(raw.component) ?? "",
      description: str(raw.description) ?? "",
      jobs: strings(raw.jobs),
      ...(isObject(raw.exporter) ? { exporter: raw.exporter as unknown as ExporterContract } : {}),
      ...(Array.isArray(raw.targetLabels) ? { targetLabels: strings(raw.targetLabels) } : {}),
      metrics,
    },
    broken,
    findings,
  };
}

/** What the schema cannot say about a metric: buckets and implied labels. */
function metricProblems(m: RawMetric): string[] {
  const problems: string[] = [];
  if (m.type === "histogram") {
    if (!m.buckets) {
      problems.push(
        `Histogram "${m.name}" has no buckets: list its finite upper bounds (le), ascending.`,
      );
    } else if (m.buckets.some((b, j) => j > 0 && b <= m.buckets![j - 1]!)) {
      problems.push(`Histogram "${m.name}" buckets must be strictly ascending.`);
    }
  } else if (m.buckets) {
    problems.push(
      `"${m.name}" is a ${m.type}: only histograms have buckets. Remove "buckets" or fix "type".`,
    );
  }
  if (m.labels && ("le" in m.labels || "quantile" in m.labels)) {
    problems.push(
      `"${m.name}": "le" and "quantile" are implied by the type; do not list them as labels.`,
    );
  }
  return problems;
}

/**
 * Join parsed files into one catalogue. A name defined twice (directly or derived) for a job is
 * an error; two files for different jobs may each define it (two exporters' `up`). `broken`:
 * the names of entries that had an error (see parseCatalogueFile).
 */
export function buildCatalogue(
  files: CatalogueFile[],
  broken: ReadonlyMap<string, Cause> = new Map(),
): {
  catalogue: Catalogue;
  findings: Finding[];
} {
  const metrics = new Map<string, Metric[]>();
  const owner = new Map<string, { metric: Metric; jobs: string[] }[]>();
  const findings: Finding[] = [];
  for (const f of files) {
    for (const m of f.metrics) {
      for (const series of [m.name, ...derivedNames(m)]) {
        const owners = owner.get(series) ?? [];
        const first = owners.find((o) => o.jobs.some((j) => f.jobs.includes(j)))?.metric;
        if (first) {
          findings.push({
            rule: "catalogue/duplicate",
            severity: "error",
            where: { file: m.file, line: m.line },
            message: `"${series}" is already defined at ${first.file}:${first.line}. Keep one definition.`,
          });
        } else owner.set(series, [...owners, { metric: m, jobs: f.jobs }]);
      }
      metrics.set(m.name, [...(metrics.get(m.name) ?? []), m]);
    }
  }
  return { catalogue: { files, metrics, broken }, findings };
}
