import { Ajv } from "ajv";
import { LineCounter, parseDocument, type Document } from "yaml";
import type { Finding } from "../findings.ts";
import { pointerPath, positionOf, type Path } from "../text/locate.ts";
import { catalogueFileSchema } from "./catalogue-schema.ts";
import { derivedNames } from "../model/series.ts";
import type {
  Catalogue,
  CatalogueFile,
  ExporterContract,
  Metric,
  MetricScope,
  MetricType,
  MetricUnit,
} from "../model/catalogue.ts";

const validate = new Ajv({ allErrors: true }).compile(catalogueFileSchema);

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
interface RawFile {
  component: string;
  description: string;
  jobs: string[];
  exporter?: ExporterContract;
  metrics: RawMetric[];
}

const rule = "catalogue/invalid";

const lineOf = (doc: Document, counter: LineCounter, path: Path): number =>
  positionOf({ doc, counter }, path)?.line ?? 1;

/**
 * Parse one catalogue file. Pure: takes the file's text, returns the typed file or every
 * problem found in it, each with its line.
 */
export function parseCatalogueFile(
  file: string,
  text: string,
): { value?: CatalogueFile; findings: Finding[] } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const yamlErrors = doc.errors.map((e) => {
    const pos = counter.linePos(e.pos[0]);
    return {
      rule: "catalogue/yaml",
      severity: "error" as const,
      where: { file, line: pos.line, column: pos.col },
      message: `Invalid YAML: ${e.message.split("\n")[0]}. Fix the syntax at this line.`,
    };
  });
  if (yamlErrors.length > 0) return { findings: yamlErrors };

  const raw: unknown = doc.toJS();
  if (!validate(raw)) {
    const findings = (validate.errors ?? []).map((e) => {
      const path = pointerPath(e.instancePath);
      const extra =
        e.keyword === "additionalProperties"
          ? ` "${String(e.params.additionalProperty)}"`
          : e.keyword === "enum"
            ? ` (${(e.params.allowedValues as unknown[]).join(", ")})`
            : "";
      return {
        rule,
        severity: "error" as const,
        where: { file, line: lineOf(doc, counter, path), pointer: e.instancePath },
        message: `${e.instancePath || "file"} ${e.message}${extra}.`,
      };
    });
    return { findings };
  }

  const data = raw as unknown as RawFile;
  const findings: Finding[] = [];
  const metrics: Metric[] = data.metrics.map((m, i) => {
    const line = lineOf(doc, counter, ["metrics", i]);
    const metric: Metric = {
      name: m.name,
      type: m.type,
      unit: m.unit,
      help: m.help,
      labels: Object.keys(m.labels ?? {}).sort(),
      labelValues: m.labels ?? {},
      scope: m.scope ?? "instance",
      ...(m.requires ? { requires: m.requires } : {}),
      file,
      line,
    };
    const where = { file, line, pointer: `/metrics/${i}` };
    if (m.type === "histogram") {
      if (!m.buckets) {
        findings.push({
          rule,
          severity: "error",
          where,
          message: `Histogram "${m.name}" has no buckets: list its finite upper bounds (le), ascending.`,
        });
      } else if (m.buckets.some((b, j) => j > 0 && b <= m.buckets![j - 1]!)) {
        findings.push({
          rule,
          severity: "error",
          where,
          message: `Histogram "${m.name}" buckets must be strictly ascending.`,
        });
      } else metric.buckets = m.buckets;
    } else if (m.buckets) {
      findings.push({
        rule,
        severity: "error",
        where,
        message: `"${m.name}" is a ${m.type}: only histograms have buckets. Remove "buckets" or fix "type".`,
      });
    }
    if (metric.labels.includes("le") || metric.labels.includes("quantile")) {
      findings.push({
        rule,
        severity: "error",
        where,
        message: `"${m.name}": "le" and "quantile" are implied by the type; do not list them as labels.`,
      });
    }
    return metric;
  });
  return {
    value: {
      file,
      component: data.component,
      description: data.description,
      jobs: data.jobs,
      ...(data.exporter ? { exporter: data.exporter } : {}),
      metrics,
    },
    findings,
  };
}

/** Join parsed files into one catalogue; a name defined twice (directly or derived) is an error. */
export function buildCatalogue(files: CatalogueFile[]): {
  catalogue: Catalogue;
  findings: Finding[];
} {
  const metrics = new Map<string, Metric>();
  const owner = new Map<string, Metric>();
  const findings: Finding[] = [];
  for (const f of files) {
    for (const m of f.metrics) {
      for (const series of [m.name, ...derivedNames(m)]) {
        const first = owner.get(series);
        if (first) {
          findings.push({
            rule: "catalogue/duplicate",
            severity: "error",
            where: { file: m.file, line: m.line },
            message: `"${series}" is already defined at ${first.file}:${first.line}. Keep one definition.`,
          });
        } else owner.set(series, m);
      }
      if (!metrics.has(m.name)) metrics.set(m.name, m);
    }
  }
  return { catalogue: { files, metrics }, findings };
}
