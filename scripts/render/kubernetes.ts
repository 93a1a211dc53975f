import { PrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { parse } from "yaml";
import { platform } from "../../config/platform.ts";
import type { Model } from "../model.ts";
import { alertsPath, renderAlerts, rulesDocument } from "./alerts.ts";
import { dashboardPath, renderDashboards } from "./dashboards.ts";
import { prometheusConfigPath, renderPrometheusConfig } from "./prometheus-config.ts";
import { datasourcesPath, renderProvisioning } from "./provisioning.ts";
import { generatedMarker, toYaml } from "./yaml.ts";

export const kubernetesDir = "config/kubernetes";
/** Apart from the ConfigMaps: `kubectl apply -f config/kubernetes/` must work without the CRD. */
export const prometheusRulePath = `${kubernetesDir}/prometheus-operator/prometheus-rule.yaml`;

/** The Grafana chart's sidecars pick up ConfigMaps by these labels, and the folder by annotation. */
export const grafanaSidecar = {
  dashboardLabel: "grafana_dashboard",
  datasourceLabel: "grafana_datasource",
  folderAnnotation: "grafana_folder",
} as const;

const commonLabels = { "app.kubernetes.io/part-of": "ml-platform-monitoring" };

const fileName = (path: string): string => path.slice(path.lastIndexOf("/") + 1);

/** A file as its own renderer writes it, keyed by its file name: what a ConfigMap embeds. */
function embed(files: Map<string, string>, path: string): Record<string, string> {
  const content = files.get(path);
  if (content === undefined) throw new Error(`No renderer writes ${path}`);
  return { [fileName(path)]: content };
}

interface Manifest {
  path: string;
  /** What it is generated from, for its marker. */
  sources: string;
  object: ConfigMap | PrometheusRule;
}

function configMap(
  name: string,
  sources: string,
  data: Record<string, string>,
  extra: { labels?: Record<string, string>; annotations?: Record<string, string> } = {},
): Manifest {
  return {
    path: `${kubernetesDir}/${name}.yaml`,
    sources,
    object: new ConfigMap({
      metadata: {
        name,
        namespace: platform.monitoring.namespace,
        labels: { ...commonLabels, ...extra.labels },
        ...(extra.annotations ? { annotations: extra.annotations } : {}),
      },
      data,
    }),
  };
}

function manifests(model: Model): Manifest[] {
  const dashboards = renderDashboards(model, platform.grafanaFolder);
  return [
    // The two ConfigMaps the platform runbook applies by hand, under the names it uses.
    configMap(
      "prometheus-config",
      "config/platform.ts",
      embed(renderPrometheusConfig(), prometheusConfigPath),
    ),
    configMap("prometheus-alerts", "alerts/*.ts", embed(renderAlerts(model), alertsPath)),
    configMap(
      "grafana-datasources",
      "config/platform.ts",
      embed(renderProvisioning(), datasourcesPath),
      { labels: { [grafanaSidecar.datasourceLabel]: "1" } },
    ),
    ...model.dashboards.map((d) =>
      configMap(
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
      object: new PrometheusRule({
        metadata: {
          name: "ml-platform",
          namespace: platform.monitoring.namespace,
          labels: { ...commonLabels, ...platform.monitoring.prometheusRuleLabels },
        },
        // alerts.yml's own `groups:` document, read back: the two cannot differ.
        spec: parse(rulesDocument(model)),
      }),
    },
  ];
}

/**
 * ConfigMaps for the Prometheus chart and Grafana's sidecars, and a PrometheusRule for the
 * operator, each validated against its model's schema before it is written.
 */
export function renderKubernetes(model: Model): Map<string, string> {
  return new Map(
    manifests(model).map(({ path, sources, object }) => {
      try {
        object.validate();
      } catch (e) {
        throw new Error(
          `${path}: the ${object.kind} fails its schema: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
      return [path, generatedMarker(sources) + toYaml(object.toJSON())];
    }),
  );
}
