import type { Cause } from "../findings.ts";

/** The catalogue of metrics the platform exposes: config/metrics/*.yaml, typed. */
export const metricTypes = ["counter", "gauge", "histogram", "summary"] as const;
export type MetricType = (typeof metricTypes)[number];

/**
 * Base units a metric is measured in. `none` is a plain count or an identifier-like gauge.
 * Checks map these to the Grafana units a panel may show them in.
 */
export const metricUnits = [
  "none",
  "seconds",
  "bytes",
  "mebibytes",
  "ratio",
  "percent",
  "celsius",
  "watts",
  "megahertz",
  "requests",
  "tokens",
  "messages",
] as const;
export type MetricUnit = (typeof metricUnits)[number];

/**
 * Whose value a series holds. `instance`: the scraped process's own (the default). `group`: a
 * value every replica reports alike for the whole group (Redpanda Connect's consumer-group lag:
 * each replica publishes every partition's lag), so summing or averaging it over instances
 * multiplies it; take max (or min) per group first.
 */
export const metricScopes = ["instance", "group"] as const;
export type MetricScope = (typeof metricScopes)[number];

export interface Metric {
  /** The series name as exposed on /metrics (a histogram's base name, without `_bucket`). */
  name: string;
  type: MetricType;
  unit: MetricUnit;
  help: string;
  /** Labels the exporter sets; target labels (job, instance) come on top of these. */
  labels: string[];
  /** Example values of each label (what the platform really emits), for docs and test data. */
  labelValues: Record<string, string[]>;
  /** Finite upper bounds of a histogram's buckets, ascending (+Inf is implied). */
  buckets?: number[];
  scope: MetricScope;
  /**
   * What the exporter needs for this metric to exist as described, beyond its defaults: a
   * counter to enable, a minimum version. Part of the instrumentation contract.
   */
  requires?: string;
  /** Where it was defined, for findings. */
  file: string;
  line: number;
}

/** Exporters the catalogue knows how to configure: `benthos` gets its metrics snippet generated. */
export const exporterIds = [
  "benthos",
  "vllm",
  "dcgm-exporter",
  "fastapi-instrumentator",
  "python-client",
  "prometheus",
] as const;
export type ExporterId = (typeof exporterIds)[number];

/**
 * The instrumentation contract of a catalogue file: which exporter produces its metrics and how
 * it must be set up for them to be as the file says. The dashboards and alerts rely on it.
 */
export interface ExporterContract {
  id: ExporterId;
  /** The exporter as people call it, with the versions the names hold for. */
  name: string;
  /** Settings the exporter must run with, each with why. */
  requirements: string[];
}

export interface CatalogueFile {
  file: string;
  component: string;
  description: string;
  /** Prometheus jobs that expose these metrics (names from config/platform.ts). */
  jobs: string[];
  exporter?: ExporterContract;
  metrics: Metric[];
  /**
   * Labels the scrape adds to every series of these jobs besides job and instance (relabelling
   * that copies pod, namespace, ...); unset: the namespace and pod our scrape config adds.
   */
  targetLabels?: string[];
  /**
   * Whether its facts also hold for a selector that names no job (or one a variable hides):
   * set for the catalogues that describe the files checked (ours for our sources, one given
   * with --catalogue), never for ours on another team's files. A selector naming a job the
   * file does not list never borrows its facts.
   */
  anyJob?: boolean;
}

export interface Catalogue {
  files: CatalogueFile[];
  /** Every definition of each metric name (one per file that has it; files differ in jobs). */
  metrics: Map<string, Metric[]>;
  /**
   * Series names of catalogue entries that have an error, with where it is: what a query
   * finds wrong with them follows from that error.
   */
  broken?: ReadonlyMap<string, Cause>;
}

/**
 * The jobs a selector picks its series from, when they can be told (`job="x"`, `job=~"a|b"`,
 * or a dashboard variable that resolves to those); undefined when they cannot.
 */
export type JobScope = ReadonlySet<string> | undefined;

/** Whether a catalogue file's facts hold for series of `scope`. */
export const fileCovers = (file: CatalogueFile, scope: JobScope): boolean =>
  scope === undefined ? file.anyJob === true : file.jobs.some((j) => scope.has(j));

/**
 * Labels every scraped series carries: `job` and `instance`, and the `namespace` and `pod` the
 * scrape config's relabelling adds (scripts/render/prometheus-config.ts).
 */
export const targetLabels = ["job", "instance", "namespace", "pod"] as const;

/** The target labels that tell one scraped process from another of the same job. */
export const instanceLabels = ["instance", "pod"] as const;
