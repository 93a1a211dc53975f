import { engineSchema, engineValidator } from "../../schema/precompiled.ts";
import type { Files } from "../../model/index.ts";
import { asArray, isObject } from "../../model/walk.ts";
import { defineCheck, type Problem } from "../check.ts";
import { scrapeJobs } from "./job-names.ts";
import { yamlValue } from "../yaml-value.ts";
import {
  cloudwatchAgentConfigPath,
  cloudwatchPrometheusConfigPath,
  opsAgentDir,
  prometheusConfigPath,
} from "../../outputs.ts";

/**
 * The parts of the CloudWatch agent's configuration we write, as its published JSON Schema
 * (aws/amazon-cloudwatch-agent, translator/config/schema.json, draft-04) states them: the
 * `logs` section, its `metrics_collected.prometheus` with `emf_processor` and
 * `metric_declaration`, and `logs_collected.files.collect_list`. Each level refuses unknown
 * keys there too.
 */
const name512 = { type: "string", minLength: 1, maxLength: 512 };
const strings = { type: "array", items: { type: "string" } };
const cloudwatchSchema = {
  type: "object",
  properties: {
    logs: {
      type: "object",
      additionalProperties: false,
      properties: {
        metrics_collected: {
          type: "object",
          properties: {
            prometheus: {
              type: "object",
              additionalProperties: false,
              properties: {
                cluster_name: { type: "string" },
                log_group_name: { type: "string" },
                prometheus_config_path: { type: "string" },
                disable_metric_extraction: { type: "boolean" },
                emf_processor: {
                  type: "object",
                  additionalProperties: false,
                  properties: {
                    metric_declaration_dedup: { type: "boolean" },
                    metric_namespace: { type: "string" },
                    metric_unit: {
                      type: "object",
                      additionalProperties: { type: "string", minLength: 1, maxLength: 256 },
                    },
                    metric_declaration: {
                      type: "array",
                      items: {
                        type: "object",
                        additionalProperties: false,
                        properties: {
                          source_labels: strings,
                          label_matcher: { type: "string" },
                          label_separator: { type: "string" },
                          metric_selectors: strings,
                          dimensions: { type: "array", items: strings },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        logs_collected: {
          type: "object",
          minProperties: 1,
          properties: {
            files: {
              type: "object",
              additionalProperties: false,
              required: ["collect_list"],
              properties: {
                collect_list: {
                  type: "array",
                  items: {
                    type: "object",
                    required: ["file_path"],
                    properties: {
                      file_path: { type: "string", maxLength: 4096 },
                      log_group_name: name512,
                      log_stream_name: name512,
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};
/** The CloudWatch agent's schema, precompiled by `npm run schema`. */
export const cloudwatchPrecompiled = engineSchema("cloudwatch-agent", cloudwatchSchema);
const validateCloudwatch = engineValidator(cloudwatchPrecompiled);

/**
 * What the Ops Agent's prometheus receiver refuses (GoogleCloudPlatform/ops-agent,
 * confgenerator/prometheus.go, which has no published schema): service discovery other than
 * static_configs, honor_labels, relabelling onto location/namespace/cluster, renaming
 * __name__, rule files, alerting and remote read/write; intervals under 10s are raised.
 */
function opsAgentProblems(file: string, config: unknown): string[] {
  const problems: string[] = [...pipelineProblems(file, config)];
  const receivers = isObject(config) && isObject(config.metrics) ? config.metrics.receivers : {};
  for (const [name, receiver] of Object.entries(isObject(receivers) ? receivers : {})) {
    if (!isObject(receiver) || receiver.type !== "prometheus") continue;
    const prom = isObject(receiver.config) ? receiver.config : {};
    for (const key of ["rule_files", "alerting", "remote_write", "remote_read"]) {
      if (key in prom)
        problems.push(`${file}: receiver ${name} has ${key}, which the Ops Agent refuses.`);
    }
    for (const job of asArray(prom.scrape_configs).filter(isObject)) {
      const at = `${file}: job ${String(job.job_name)}`;
      for (const key of Object.keys(job).filter((k) => k.endsWith("_sd_configs"))) {
        problems.push(`${at} uses ${key}: the Ops Agent only takes static_configs.`);
      }
      if (job.honor_labels) problems.push(`${at} sets honor_labels, which the Ops Agent refuses.`);
      for (const r of asArray(job.relabel_configs).filter(isObject)) {
        if (["location", "namespace", "cluster"].includes(String(r.target_label))) {
          problems.push(
            `${at} relabels onto ${String(r.target_label)}, which the Ops Agent reserves.`,
          );
        }
      }
      for (const r of asArray(job.metric_relabel_configs).filter(isObject)) {
        if (r.target_label === "__name__")
          problems.push(`${at} renames __name__, which the Ops Agent refuses.`);
      }
      const interval = String(job.scrape_interval ?? "");
      const seconds = /^(\d+)(s|m)$/.exec(interval);
      if (seconds && Number(seconds[1]) * (seconds[2] === "m" ? 60 : 1) < 10) {
        problems.push(`${at} scrapes every ${interval}: the Ops Agent raises that to 10s.`);
      }
    }
  }
  return problems;
}

const keysOf = (v: unknown): string[] => (isObject(v) ? Object.keys(v) : []);

/** Every pipeline of the metrics and logging services names receivers and processors defined beside it. */
function pipelineProblems(file: string, config: unknown): string[] {
  return (["metrics", "logging"] as const).flatMap((section) => {
    const s = isObject(config) && isObject(config[section]) ? config[section] : {};
    const pipelines = isObject(s.service) ? s.service.pipelines : {};
    return Object.entries(isObject(pipelines) ? pipelines : {}).flatMap(([name, p]) =>
      (["receivers", "processors"] as const).flatMap((kind) =>
        asArray(isObject(p) ? p[kind] : undefined)
          .filter((ref) => !keysOf(s[kind]).includes(String(ref)))
          .map(
            (ref) =>
              `${file}: ${section} pipeline ${name} names ${kind.slice(0, -1)} ${String(ref)}, which ${section}.${kind} does not define.`,
          ),
      ),
    );
  });
}

const opsAgentFiles = (files: Files) =>
  [...files.keys()].filter((p) => p.startsWith(`${opsAgentDir}/`)).sort();

/** The jobs of a Prometheus-format config's scrape_configs (the Ops Agent's are one level down). */
const jobsIn = (config: unknown): string[] =>
  asArray(isObject(config) ? config.scrape_configs : undefined)
    .filter(isObject)
    .map((j) => String(j.job_name));

function opsAgentJobs(config: unknown): string[] {
  const receivers = isObject(config) && isObject(config.metrics) ? config.metrics.receivers : {};
  return Object.values(isObject(receivers) ? receivers : {})
    .filter(isObject)
    .flatMap((r) => jobsIn(r.config));
}

const describe = (jobs: string[]) => (jobs.length > 0 ? jobs.join(", ") : "none");

/**
 * The cloud agents forward what Prometheus scrapes: the CloudWatch agent's scrape config and
 * the Ops Agent configurations (together, each job once) hold exactly the platform's jobs of
 * prometheus.yml, and each file is one its agent accepts.
 */
export const deployCloudAgents = defineCheck({
  id: "deploy/cloud-agents",
  description: `The CloudWatch agent's and the Ops Agents' configs (config/cloud/) carry exactly the scrape jobs of ${prometheusConfigPath}, and pass the CloudWatch agent's published JSON Schema and the Ops Agent's documented rules.`,
  severity: "error",
  scope: "files",
  check({ files }, ctx) {
    const prometheus = files.get(prometheusConfigPath);
    const cloudwatch = files.get(cloudwatchPrometheusConfigPath);
    const agent = files.get(cloudwatchAgentConfigPath);
    if (prometheus === undefined || cloudwatch === undefined || agent === undefined) return [];
    // The monitoring stack's own jobs stay with the chart's Prometheus: no agent runs beside it.
    const stack: string[] = Object.values(ctx.model.platform.monitoring.stackJobs);
    const expected = (scrapeJobs(prometheus) ?? []).filter((j) => !stack.includes(j)).sort();
    const problems: Problem[] = [];
    const compare = (file: string, jobs: string[]) => {
      const missing = expected.filter((j) => !jobs.includes(j));
      const extra = jobs.filter((j) => !expected.includes(j));
      const twice = jobs.filter((j, i) => jobs.indexOf(j) !== i);
      if (missing.length + extra.length + twice.length === 0) return;
      problems.push({
        where: { file },
        message: `${file} scrapes jobs ${describe([...jobs].sort())}, but ${prometheusConfigPath} scrapes ${describe(expected)} (missing: ${describe(missing)}; extra: ${describe(extra)}; twice: ${describe(twice)}). Every agent must forward the same jobs: render them from platform.components.`,
      });
    };
    compare(cloudwatchPrometheusConfigPath, jobsIn(yamlValue(cloudwatch)));
    const ops = opsAgentFiles(files).map((f) => ({
      file: f,
      config: yamlValue(files.get(f)!),
    }));
    compare(
      opsAgentDir,
      ops.flatMap((o) => opsAgentJobs(o.config)),
    );
    for (const o of ops) {
      for (const message of opsAgentProblems(o.file, o.config))
        problems.push({ where: { file: o.file }, message });
    }
    if (!validateCloudwatch(JSON.parse(agent))) {
      for (const e of validateCloudwatch.errors ?? []) {
        problems.push({
          where: { file: cloudwatchAgentConfigPath, pointer: e.instancePath },
          message: `${cloudwatchAgentConfigPath}${e.instancePath}: ${e.message}${e.params && "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : ""}: the CloudWatch agent's schema refuses it.`,
        });
      }
    }
    return problems;
  },
});
