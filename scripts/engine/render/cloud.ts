import { jobsOf } from "../alerting/labelsets.ts";
import type { Model } from "../model/index.ts";
import type { Platform } from "../model/platform.ts";
import { escapeRegex } from "../promql/escape.ts";
import { parsePromql } from "../promql/parse.ts";
import { vectorSelectors } from "../promql/selectors.ts";
import { canonicalJson } from "./json.ts";
import { platformGroups } from "./alerts.ts";
import { scrapeJobs } from "./prometheus-config.ts";
import { rendered, type Rendered } from "./rendered.ts";
import { generatedMarker, toYaml } from "./yaml.ts";
import {
  cloudwatchAgentConfigPath,
  cloudwatchPrometheusConfigPath,
  opsAgentConfigPath,
} from "../outputs.ts";

/** Where the agent's DaemonSet mounts the Prometheus scrape config (its ConfigMap). */
const agentPrometheusConfig = "/etc/prometheusconfig/prometheus.yaml";

/**
 * The metrics each job's alerts read, that the CloudWatch agent forwards: it drops histograms
 * ("Only Gauge, Counter and Summary are supported") and `up`, which has no metric type.
 */
export function forwardedAlertMetrics(model: Model): Map<string, string[]> {
  const byJob = new Map<string, Set<string>>();
  const histogram = (name: string) => {
    const base = name.replace(/_(bucket|sum|count)$/, "");
    return model.catalogue.metrics.get(base)?.some((m) => m.type === "histogram") ?? false;
  };
  for (const g of platformGroups(model)) {
    for (const rule of g.group.rules) {
      for (const s of vectorSelectors(parsePromql(rule.expr))) {
        if (!s.metric || s.metric === "up" || histogram(s.metric)) continue;
        for (const job of jobsOf(s.matchers)) {
          byJob.set(job, (byJob.get(job) ?? new Set()).add(s.metric));
        }
      }
    }
  }
  return new Map([...byJob].map(([job, names]) => [job, [...names].sort()]));
}

/**
 * The CloudWatch agent (Container Insights on EKS): its Prometheus scraping reads the same
 * scrape jobs as prometheus.yml, from its own file; EMF turns the metrics the alerts use into
 * CloudWatch metrics by job; the platform's container logs go to the cluster's application log
 * group, one stream per job.
 */
function cloudwatchAgentConfig(model: Model): Record<string, unknown> {
  const { platform } = model;
  const { clusterName, metricNamespace } = platform.cloud.aws;
  const group = (kind: string) => `/aws/containerinsights/${clusterName}/${kind}`;
  const metrics = forwardedAlertMetrics(model);
  return {
    logs: {
      metrics_collected: {
        prometheus: {
          cluster_name: clusterName,
          log_group_name: group("prometheus"),
          prometheus_config_path: agentPrometheusConfig,
          emf_processor: {
            metric_declaration_dedup: true,
            metric_namespace: metricNamespace,
            metric_declaration: [...metrics].map(([job, names]) => ({
              source_labels: ["job"],
              label_matcher: `^${escapeRegex(job)}$`,
              dimensions: [["job"], ["job", "pod"]],
              metric_selectors: names.map((n) => `^${escapeRegex(n)}$`),
            })),
          },
        },
      },
      logs_collected: {
        files: {
          // kubelet's links: /var/log/containers/<pod>_<namespace>_<container>-<id>.log
          collect_list: Object.values(platform.components).map((c) => ({
            file_path: `/var/log/containers/${c.service}-*_${platform.namespace}_*.log`,
            log_group_name: group("application"),
            log_stream_name: c.job,
          })),
        },
      },
    },
  };
}

const cloudwatchPrometheusConfig = (platform: Platform) => ({
  global: { scrape_interval: platform.monitoring.scrapeInterval, scrape_timeout: "10s" },
  scrape_configs: scrapeJobs(platform),
});

/** The levels the platform's components write (Benthos', Python's, Go's), as Cloud Logging severities. */
const severities = {
  trace: "DEBUG",
  debug: "DEBUG",
  DEBUG: "DEBUG",
  info: "INFO",
  INFO: "INFO",
  warn: "WARNING",
  warning: "WARNING",
  WARN: "WARNING",
  WARNING: "WARNING",
  error: "ERROR",
  ERROR: "ERROR",
  fatal: "CRITICAL",
  CRITICAL: "CRITICAL",
  panic: "EMERGENCY",
};

/**
 * The Google Cloud Ops Agent on each kind of VM: its Prometheus receiver scrapes the VM's own
 * components on localhost, with static targets only (the agent accepts no other discovery, and
 * no relabelling onto `namespace`), under the job names prometheus.yml uses; its logging
 * receivers read each component's log files, parsing the JSON ones.
 */
function opsAgentConfig(platform: Platform, jobs: readonly string[]): Record<string, unknown> {
  const components = Object.values(platform.components).filter((c) => jobs.includes(c.job));
  const key = (job: string) => job.replace(/[^A-Za-z0-9_]/g, "_");
  /** The Ops Agent's parser for a job's lines, finding `level` (its regexes take `(?<name>`). */
  const parserOf = (job: string): Record<string, string> | undefined => {
    const f = platform.logFormats[job];
    if (f?.parser === "json") return { type: "parse_json" };
    if (f?.parser === "logfmt")
      return { type: "parse_regex", regex: "(?:^|\\s)level=(?<level>\\w+)" };
    if (f?.parser === "regex") {
      return { type: "parse_regex", regex: f.expression.replace(/\(\?P</g, "(?<") };
    }
    return undefined;
  };
  const parsed = components.filter((c) => parserOf(c.job));
  return {
    metrics: {
      receivers: {
        prometheus: {
          type: "prometheus",
          config: {
            scrape_configs: components.map((c) => ({
              job_name: c.job,
              scrape_interval: platform.monitoring.scrapeInterval,
              metrics_path: c.metricsPath,
              static_configs: [{ targets: [`localhost:${c.port}`] }],
            })),
          },
        },
      },
      service: { pipelines: { prometheus: { receivers: ["prometheus"] } } },
    },
    logging: {
      receivers: Object.fromEntries(
        components.map((c) => [
          key(c.job),
          { type: "files", include_paths: [`${platform.cloud.gcp.logDir}/${c.job}/*.log`] },
        ]),
      ),
      processors: {
        ...Object.fromEntries(parsed.map((c) => [`${key(c.job)}_parse`, parserOf(c.job)])),
        // Cloud Logging's severity, from the level the parser found.
        severity: {
          type: "modify_fields",
          fields: { severity: { copy_from: "jsonPayload.level", map_values: severities } },
        },
      },
      service: {
        pipelines: Object.fromEntries(
          components.map((c) => [
            key(c.job),
            {
              receivers: [key(c.job)],
              ...(parsed.includes(c) ? { processors: [`${key(c.job)}_parse`, "severity"] } : {}),
            },
          ]),
        ),
      },
    },
  };
}

export function renderCloud(model: Model): Rendered {
  const { platform } = model;
  const marker = generatedMarker("config/platform.ts and alerts/");
  return rendered([
    [cloudwatchAgentConfigPath, canonicalJson(cloudwatchAgentConfig(model))],
    [cloudwatchPrometheusConfigPath, marker + toYaml(cloudwatchPrometheusConfig(platform))],
    ...Object.entries(platform.cloud.gcp.vms).map(([vm, jobs]): [string, string] => [
      opsAgentConfigPath(vm),
      marker + toYaml(opsAgentConfig(platform, jobs)),
    ]),
  ]);
}
