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
  "requests",
  "tokens",
  "messages",
] as const;
export type MetricUnit = (typeof metricUnits)[number];

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
  /** Where it was defined, for findings. */
  file: string;
  line: number;
}

export interface CatalogueFile {
  file: string;
  component: string;
  description: string;
  /** Prometheus jobs that expose these metrics (names from config/platform.ts). */
  jobs: string[];
  metrics: Metric[];
}

export interface Catalogue {
  files: CatalogueFile[];
  /** Every metric by its name. */
  metrics: Map<string, Metric>;
}

/**
 * Labels every scraped series carries: `job` and `instance`, and the `namespace` and `pod` the
 * scrape config's relabelling adds (scripts/render/prometheus-config.ts).
 */
export const targetLabels = ["job", "instance", "namespace", "pod"] as const;
