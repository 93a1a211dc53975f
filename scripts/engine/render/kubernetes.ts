import { PrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { Finding, Where } from "../findings.ts";
import { ruleName } from "../model/rules.ts";
import { ruleWhere } from "../model/where.ts";
import type { Model } from "../model/index.ts";
import { memoByText } from "../text/memo.ts";
import { groupToYaml, platformGroups, renderAlerts } from "./alerts.ts";
import { renderDashboards } from "./dashboards.ts";
import type { OutputOf } from "./index.ts";
import { renderPrometheusConfig } from "./prometheus-config.ts";
import { datasourcesDocument } from "./provisioning.ts";
import { stackServices } from "./charts.ts";
import { renderLokiRules } from "./loki-rules.ts";
import { rendered, type Rendered } from "./rendered.ts";
import { generatedMarker, toYaml } from "./yaml.ts";
import {
  alertsPath,
  stackRulesPath,
  dashboardPath,
  datasourcesPath,
  kubernetesDir,
  lokiRulesPath,
  prometheusConfigPath,
  prometheusRulePath,
} from "../outputs.ts";

/**
 * The Grafana charts' sidecars pick up ConfigMaps by these labels, and put a dashboard in the
 * sub-folder its annotation names: the sidecar's default annotation, read when the chart's
 * `sidecar.dashboards.folderAnnotation` is left unset.
 */
export const grafanaSidecar = {
  dashboardLabel: "grafana_dashboard",
  datasourceLabel: "grafana_datasource",
  folderAnnotation: "k8s-sidecar-target-directory",
} as const;

/** The ConfigMaps the prometheus-community chart's server mounts together (config/helm/). */
export const prometheusConfigMaps = ["prometheus-config", "prometheus-alerts"] as const;
/** The ConfigMap loki-stack's Loki mounts as the rules of tenant `fake`. */
export const lokiRulesConfigMap = "loki-rules";

const commonLabels = { "app.kubernetes.io/part-of": "ml-platform-monitoring" };

const fileName = (path: string): string => path.slice(path.lastIndexOf("/") + 1);

/** A file as its own renderer writes it, keyed by its file name: what a ConfigMap embeds. */
function embed(output: Rendered, path: string): Record<string, string> {
  const content = output.files.get(path);
  if (content === undefined) throw new Error(`No renderer writes ${path}`);
  return { [fileName(path)]: content };
}

const kinds = { ConfigMap, PrometheusRule };

interface Manifest {
  path: string;
  /** What it is generated from, for its marker. */
  sources: string;
  /** Where a schema error in it comes from: the source that made the offending part. */
  origin(error: string): Where;
  kind: keyof typeof kinds;
  /** What the kind's model is made from: plain data. */
  body: object;
}

function configMap(
  namespace: string,
  name: string,
  sources: string,
  data: Record<string, string>,
  extra: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    /** A sub-folder of config/kubernetes/ for manifests of one way of installing only. */
    folder?: string;
  } = {},
): Manifest {
  return {
    path: `${kubernetesDir}/${extra.folder ? `${extra.folder}/` : ""}${name}.yaml`,
    sources,
    origin: () => ({ file: sources }),
    kind: "ConfigMap",
    body: {
      metadata: {
        name,
        namespace,
        labels: { ...commonLabels, ...extra.labels },
        ...(extra.annotations ? { annotations: extra.annotations } : {}),
      },
      data,
    },
  };
}

function manifests(model: Model, outputOf: OutputOf): Manifest[] {
  const { platform } = model;
  const namespace = platform.monitoring.namespace;
  const dashboards = outputOf(renderDashboards);
  const services = stackServices(platform);
  const [configName, alertsName] = prometheusConfigMaps;
  const folder = "prometheus-community";
  const rules = outputOf(renderAlerts);
  return [
    // The two ConfigMaps the platform runbook applies by hand, under the names it uses.
    configMap(
      namespace,
      configName,
      "config/platform.ts",
      embed(outputOf(renderPrometheusConfig), prometheusConfigPath),
      { folder },
    ),
    configMap(
      namespace,
      alertsName,
      "alerts/*.ts",
      { ...embed(rules, alertsPath), ...embed(rules, stackRulesPath) },
      { folder },
    ),
    // kube-prometheus-stack provisions its own Prometheus datasource: this one is for the
    // Grafana chart beside the prometheus-community chart, with that chart's Service.
    configMap(
      namespace,
      "grafana-datasources",
      "config/platform.ts",
      {
        [fileName(datasourcesPath)]: datasourcesDocument(platform, {
          prometheus: `http://${services.prometheusCommunity.prometheus}`,
          loki: `http://${services.loki}`,
        }),
      },
      { labels: { [grafanaSidecar.datasourceLabel]: "1" }, folder },
    ),
    configMap(
      namespace,
      lokiRulesConfigMap,
      "alerts/loki/*.ts",
      embed(outputOf(renderLokiRules), lokiRulesPath),
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
        const g = at ? platformGroups(model)[Number(at[1])] : undefined;
        const rule = g?.group.rules[Number(at![2])];
        return g && rule ? ruleWhere(g, ruleName(rule)) : { file: "alerts/index.ts" };
      },
      kind: "PrometheusRule",
      body: {
        metadata: {
          name: "ml-platform",
          namespace,
          labels: { ...commonLabels, ...platform.monitoring.prometheusRuleLabels },
        },
        // The same groups as alerts.yml, from the same function: the two cannot differ. The
        // stack's own groups are not here: kube-prometheus-stack ships its Watchdog and its
        // Prometheus and Alertmanager rules.
        spec: { groups: platformGroups(model).map((g) => groupToYaml(g.group)) },
      },
    },
  ];
}

/**
 * A manifest's YAML, or its schema error, from its kind and body as JSON: a function of that
 * text alone, so kept while it is asked for again (the watch re-renders the ConfigMaps of
 * every dashboard when one changes; YAML of the others is most of the cost).
 */
const manifestYaml = memoByText((json): { yaml: string } | { error: string } => {
  const { kind, body } = JSON.parse(json) as { kind: keyof typeof kinds; body: never };
  const object = new kinds[kind](body);
  try {
    object.validate();
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  return { yaml: toYaml(object.toJSON()) };
}, 64);

/**
 * ConfigMaps for the Prometheus chart and Grafana's sidecars, and a PrometheusRule for the
 * operator, each validated against its model's schema: one that fails it is a finding, and
 * is not written.
 */
export function renderKubernetes(model: Model, outputOf: OutputOf): Rendered {
  const findings: Finding[] = [];
  const files: [string, string][] = [];
  for (const { path, sources, origin, kind, body } of manifests(model, outputOf)) {
    const out = manifestYaml(JSON.stringify({ kind, body }));
    if ("yaml" in out) files.push([path, generatedMarker(sources) + out.yaml]);
    else {
      findings.push({
        rule: "kubernetes/schema",
        severity: "error",
        where: origin(out.error),
        message: `${path}: the ${kind} fails its schema: ${out.error}. Fix the source it is generated from.`,
      });
    }
  }
  return rendered(files, findings);
}
