import { durationSeconds, unitSeconds } from "../model/duration.ts";
import type { Model } from "../model/index.ts";
import type { Platform } from "../model/platform.ts";
import { escapeRegex } from "../promql/escape.ts";
import { alertmanagerConfig } from "./alertmanager.ts";
import { stackServices } from "./charts.ts";
import { grafanaSidecar, lokiRulesConfigMap, prometheusConfigMaps } from "./kubernetes.ts";
import { scrapeJobs } from "./prometheus-config.ts";
import { promtailScrapeJob } from "./promtail.ts";
import { rendered, type Rendered } from "./rendered.ts";
import { generatedMarker, toYaml } from "./yaml.ts";
import { helmValuesPath, prometheusConfigPath, type HelmTarget } from "../outputs.ts";

/** Where the prometheus-community chart's server reads our ConfigMaps (prometheus.yml beside alerts.yml). */
const configDir = "/etc/ml-platform";
const prometheusFile = prometheusConfigPath.slice(prometheusConfigPath.lastIndexOf("/") + 1);

/** The receivers' Secret as a volume, and where Alertmanager sees it (platform.alerting.secret). */
function secretVolume(platform: Platform) {
  const { name, mountPath } = platform.alerting.secret;
  return {
    volume: { name, secret: { secretName: name } },
    mount: { name, mountPath, readOnly: true },
  };
}

/**
 * How long Prometheus keeps samples: the longest SLO period (its budget reads the whole period)
 * plus the margin of platform.monitoring.storage, in whole days. Both charts' defaults (10d,
 * 15d) would leave a 30-day budget counting a third or half of its period.
 */
export function retention(model: Model): string {
  const periods = model.slos.map((s) => durationSeconds(s.slo.period));
  const { retentionMargin } = model.platform.monitoring.storage;
  const seconds = Math.max(0, ...periods) + durationSeconds(retentionMargin);
  return `${Math.ceil(seconds / unitSeconds.d)}d`;
}

/**
 * prometheus-community/prometheus: the server reads the prometheus-config and
 * prometheus-alerts ConfigMaps from one directory (prometheus.yml finds alerts.yml beside it;
 * the config reloader watches it too), accepts the Loki ruler's remote writes, and the
 * Alertmanager subchart runs our configuration with the receivers' Secret mounted.
 */
function prometheusValues(model: Model) {
  const { platform } = model;
  const volume = "ml-platform-config";
  const mount = { name: volume, mountPath: configDir, readOnly: true };
  const secret = secretVolume(platform);
  return {
    server: {
      configPath: `${configDir}/${prometheusFile}`,
      // The chart's default flag, and the receiver the Loki ruler's recording rules write to.
      extraFlags: ["web.enable-lifecycle", "web.enable-remote-write-receiver"],
      extraVolumes: [
        {
          name: volume,
          projected: {
            sources: prometheusConfigMaps.map((name) => ({ configMap: { name } })),
          },
        },
      ],
      extraVolumeMounts: [mount],
      retention: retention(model),
      // The chart's default (enabled, 8Gi) held explicitly: an emptyDir would lose the period's
      // samples at every reschedule.
      persistentVolume: { enabled: true, size: platform.monitoring.storage.size },
    },
    configmapReload: { prometheus: { extraVolumeDirs: [configDir], extraVolumeMounts: [mount] } },
    alertmanager: {
      config: alertmanagerConfig(platform, model.slos),
      // Beside the chart's config volume (/etc/alertmanager), not inside it: it is read-only.
      extraSecretMounts: [
        { ...secret.mount, subPath: "", secretName: platform.alerting.secret.name },
      ],
    },
  };
}

/**
 * grafana-community/grafana: both sidecars on. The dashboard ConfigMaps carry the sidecar's
 * default folder annotation (k8s-sidecar-target-directory), so the chart's default
 * folderAnnotation works; the provider turns those sub-folders into Grafana folders.
 */
const grafanaValues = (platform: Platform) => ({
  sidecar: {
    dashboards: {
      enabled: true,
      label: grafanaSidecar.dashboardLabel,
      labelValue: "1",
      searchNamespace: platform.monitoring.namespace,
      provider: { foldersFromFilesStructure: true, allowUiUpdates: false },
    },
    datasources: {
      enabled: true,
      label: grafanaSidecar.datasourceLabel,
      labelValue: "1",
      searchNamespace: platform.monitoring.namespace,
    },
  },
});

/**
 * grafana/loki-stack: the Loki ruler reads the loki-rules ConfigMap (tenant `fake`: the chart
 * turns auth off), alerts the given Alertmanager and remote-writes its recording rules to the
 * given Prometheus; Promtail ships the platform namespace with our job instead of its default one.
 */
function lokiStackValues(platform: Platform, alertmanager: string, prometheus: string) {
  return {
    loki: {
      config: {
        ruler: {
          storage: { type: "local", local: { directory: "/rules" } },
          // In the pod: the chart's writable /tmp emptyDir (the root filesystem is read-only).
          rule_path: "/tmp/scratch",
          alertmanager_url: `http://${alertmanager}`,
          ring: { kvstore: { store: "inmemory" } },
          enable_api: true,
          wal: { dir: "/data/loki/ruler-wal" },
          remote_write: { enabled: true, client: { url: `http://${prometheus}/api/v1/write` } },
        },
      },
      useExistingAlertingGroup: { enabled: true, configmapName: lokiRulesConfigMap },
    },
    promtail: {
      config: {
        snippets: {
          extraRelabelConfigs: [
            {
              source_labels: ["__meta_kubernetes_namespace"],
              regex: escapeRegex(platform.namespace),
              action: "drop",
            },
          ],
          extraScrapeConfigs: toYaml([promtailScrapeJob(platform)]),
        },
      },
    },
  };
}

/**
 * prometheus-community/kube-prometheus-stack: our scrape jobs beside the operator's, our
 * Alertmanager configuration with the receivers' Secret, the Loki datasource beside the stack's
 * own Prometheus one (uid `prometheus`, as the dashboards expect), and Grafana folders from the
 * sidecar's folder annotation. The rules come as a PrometheusRule (config/kubernetes/prometheus-operator/).
 */
function kubePrometheusStackValues(model: Model) {
  const { platform } = model;
  const secret = secretVolume(platform);
  const { loki } = platform.datasources;
  return {
    prometheus: {
      prometheusSpec: {
        additionalScrapeConfigs: scrapeJobs(platform),
        enableRemoteWriteReceiver: true,
        retention: retention(model),
        // The stack's default storageSpec is {}: an emptyDir, emptied at every reschedule.
        storageSpec: {
          volumeClaimTemplate: {
            spec: {
              accessModes: ["ReadWriteOnce"],
              resources: { requests: { storage: platform.monitoring.storage.size } },
            },
          },
        },
      },
    },
    alertmanager: {
      config: alertmanagerConfig(platform, model.slos),
      alertmanagerSpec: { volumes: [secret.volume], volumeMounts: [secret.mount] },
    },
    grafana: {
      sidecar: { dashboards: { provider: { foldersFromFilesStructure: true } } },
      additionalDataSources: [
        {
          name: loki.name,
          uid: loki.uid,
          type: "loki",
          access: "proxy",
          url: `http://${stackServices(platform).loki}`,
          editable: false,
        },
      ],
    },
  };
}

/** Helm values for each chart the README installs, one folder per way of installing. */
export function renderHelmValues(model: Model): Rendered {
  const { platform } = model;
  const services = stackServices(platform);
  const values: [HelmTarget, string, unknown][] = [
    ["prometheus-community", "prometheus", prometheusValues(model)],
    ["prometheus-community", "grafana", grafanaValues(platform)],
    [
      "prometheus-community",
      "loki-stack",
      lokiStackValues(
        platform,
        services.prometheusCommunity.alertmanager,
        services.prometheusCommunity.prometheus,
      ),
    ],
    ["kube-prometheus-stack", "kube-prometheus-stack", kubePrometheusStackValues(model)],
    [
      "kube-prometheus-stack",
      "loki-stack",
      lokiStackValues(
        platform,
        services.kubePrometheusStack.alertmanager,
        services.kubePrometheusStack.prometheus,
      ),
    ],
  ];
  return rendered(
    values.map(([target, chart, v]) => [
      helmValuesPath(target, chart),
      generatedMarker("config/platform.ts and alerts/") + toYaml(v),
    ]),
  );
}
