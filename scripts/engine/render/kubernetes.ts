import { PrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { Finding, Where } from "../findings.ts";
import { ruleName } from "../model/rules.ts";
import { ruleWhere } from "../model/where.ts";
import type { Model } from "../model/index.ts";
import { groupToYaml, renderAlerts } from "./alerts.ts";
import { renderDashboards } from "./dashboards.ts";
import { renderPrometheusConfig } from "./prometheus-config.ts";
import { renderProvisioning } from "./provisioning.ts";
import { rendered, type Rendered } from "./rendered.ts";
import { generatedMarker, toYaml } from "./yaml.ts";
import {
  alertsPath,
  dashboardPath,
  datasourcesPath,
  kubernetesDir,
  prometheusConfigPath,
  prometheusRulePath,
} from "../outputs.ts";

/** The Grafana chart's sidecars pick up ConfigMaps by these labels, and the folder by annotation. */
export const grafanaSidecar = {
  dashboardLabel: "grafana_dashboard",
  datasourceLabel: "grafana_datasource",
  folderAnnotation: "grafana_folder",
} as const;

const commonLabels = { "app.kubernetes.io/part-of": "ml-platform-monitoring" };

const fileName = (path: string): string => path.slice(path.lastIndexOf("/") + 1);

/** A file as its own renderer writes it, keyed by its file name: what a ConfigMap embeds. */
function embed(output: Rendered, path: string): Record<string, string> {
  const content = output.files.get(path);
  if (content === undefined) throw new Error(`No renderer writes ${path}`);
  return { [fileName(path)]: content };
}

interface Manifest {
  path: string;
  /** What it is generated from, for its marker. */
  sources: string;
  /** Where a schema error in it comes from: the source that made the offending part. */
  origin(error: string): Where;
  object: ConfigMap | PrometheusRule;
}

function configMap(
  namespace: string,
  name: string,
  sources: string,
  data: Record<string, string>,
  extra: { labels?: Record<string, string>; annotations?: Record<string, string> } = {},
): Manifest {
  return {
    path: `${kubernetesDir}/${name}.yaml`,
    sources,
    origin: () => ({ file: sources }),
    object: new ConfigMap({
      metadata: {
        name,
        namespace,
        labels: { ...commonLabels, ...extra.labels },
        ...(extra.annotations ? { annotations: extra.annotations } : {}),
      },
      data,
    }),
  };
}

function manifests(model: Model): Manifest[] {
  const { platform } = model;
  const namespace = platform.monitoring.namespace;
  const dashboards = renderDashboards(model);
  return [
    // The two ConfigMaps the platform runbook applies by hand, under the names it uses.
    configMap(
      namespace,
      "prometheus-config",
      "config/platform.ts",
      embed(renderPrometheusConfig(model), prometheusConfigPath),
    ),
    configMap(
      namespace,
      "prometheus-alerts",
      "alerts/*.ts",
      embed(renderAlerts(model), alertsPath),
    ),
    configMap(
      namespace,
      "grafana-datasources",
      "config/platform.ts",
      embed(renderProvisioning(model), datasourcesPath),
      { labels: { [grafanaSidecar.datasourceLabel]: "1" } },
    ),
    ...model.dashboards.map((d) =>
      configMap(
        namespace,
        `grafana-dashboard-${d.slug}`,
        d.file,
        embed(dashboards, dashboardPath(d.slug, platform.grafanaFolder)),
        {
          labels: { [grafanaSidecar.dashboardLabel]: "1" },
          annotations: { [grafanaSidecar.folderAnnotation]: platform.grafanaFolder },
        },
      ),
    ),
    {
      path: prometheusRulePath,
      sources: "alerts/*.ts",
      origin: (error) => {
        const at = error.match(/\/spec\/groups\/(\d+)\/rules\/(\d+)/);
        const g = at ? model.ruleGroups[Number(at[1])] : undefined;
        const rule = g?.group.rules[Number(at![2])];
        return g && rule ? ruleWhere(g, ruleName(rule)) : { file: "alerts/index.ts" };
      },
      object: new PrometheusRule({
        metadata: {
          name: "ml-platform",
          namespace,
          labels: { ...commonLabels, ...platform.monitoring.prometheusRuleLabels },
        },
        // The same groups as alerts.yml, from the same function: the two cannot differ.
        spec: { groups: model.ruleGroups.map((g) => groupToYaml(g.group)) },
      }),
    },
  ];
}

/**
 * ConfigMaps for the Prometheus chart and Grafana's sidecars, and a PrometheusRule for the
 * operator, each validated against its model's schema: one that fails it is a finding, and
 * is not written.
 */
export function renderKubernetes(model: Model): Rendered {
  const findings: Finding[] = [];
  const files: [string, string][] = [];
  for (const { path, sources, origin, object } of manifests(model)) {
    try {
      object.validate();
      files.push([path, generatedMarker(sources) + toYaml(object.toJSON())]);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      findings.push({
        rule: "kubernetes/schema",
        severity: "error",
        where: origin(error),
        message: `${path}: the ${object.kind} fails its schema: ${error}. Fix the source it is generated from.`,
      });
    }
  }
  return rendered(files, findings);
}
