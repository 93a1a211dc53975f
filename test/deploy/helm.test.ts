import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { platform } from "../../config/platform.ts";
import { durationSeconds, parseDuration } from "../../scripts/engine/model/duration.ts";
import type { Platform } from "../../scripts/engine/model/platform.ts";
import { chartFullname, stackServices } from "../../scripts/engine/render/charts.ts";
import { renderAll } from "../../scripts/engine/render/index.ts";
import { promtailScrapeJob } from "../../scripts/engine/render/promtail.ts";
import { repoModel } from "../helpers/fixture-model.ts";
import {
  alertmanagerConfigPath,
  helmValuesPath,
  prometheusConfigPath,
} from "../../scripts/engine/outputs.ts";

const repo = await repoModel();
const files = renderAll(repo).files;
const values = (target: "prometheus-community" | "kube-prometheus-stack", chart: string) =>
  parse(files.get(helmValuesPath(target, chart))!);
const withReleases = (releases: Partial<Platform["monitoring"]["releases"]>) =>
  stackServices({
    ...platform,
    monitoring: {
      ...platform.monitoring,
      releases: { ...platform.monitoring.releases, ...releases },
    },
  });

describe("chart naming (each chart's _helpers.tpl fullname)", () => {
  it.each([
    ["prometheus", "prometheus", 63, "prometheus"],
    ["monitoring", "prometheus", 63, "monitoring-prometheus"],
    ["prometheus", "alertmanager", 63, "prometheus-alertmanager"],
    ["my-alertmanager", "alertmanager", 63, "my-alertmanager"],
    ["kube-prometheus-stack", "kube-prometheus-stack", 26, "kube-prometheus-stack"],
    // 26 characters, then the trailing "-" trimmed: "monitoring-kube-prometheus" is 26.
    ["monitoring", "kube-prometheus-stack", 26, "monitoring-kube-prometheus"],
    ["observability", "kube-prometheus-stack", 26, "observability-kube-prometh"],
    ["loki", "loki", 63, "loki"],
    ["logs", "loki", 63, "logs-loki"],
  ])("release %s of chart %s (max %i): %s", (release, chart, max, want) => {
    expect(chartFullname(release, chart, max)).toBe(want);
  });

  it("gives each install the Services it really has", () => {
    expect(stackServices(platform)).toEqual({
      prometheusCommunity: {
        prometheus: "prometheus-server.monitoring.svc:80",
        alertmanager: "prometheus-alertmanager.monitoring.svc:9093",
      },
      kubePrometheusStack: {
        prometheus: "kube-prometheus-stack-prometheus.monitoring.svc:9090",
        alertmanager: "kube-prometheus-stack-alertmanager.monitoring.svc:9093",
      },
      loki: "loki.monitoring.svc:3100",
    });
    expect(withReleases({ prometheus: "mon", kubePrometheusStack: "mon" })).toMatchObject({
      prometheusCommunity: {
        prometheus: "mon-prometheus-server.monitoring.svc:80",
        alertmanager: "mon-alertmanager.monitoring.svc:9093",
      },
      kubePrometheusStack: {
        prometheus: "mon-kube-prometheus-stack-prometheus.monitoring.svc:9090",
      },
    });
  });
});

describe("config/helm: prometheus-community", () => {
  const v = values("prometheus-community", "prometheus");

  it("points the server at our prometheus.yml, mounted with alerts.yml and watched by the reloader", () => {
    expect(v.server.configPath).toBe("/etc/ml-platform/prometheus.yml");
    expect(v.server.extraVolumes[0].projected.sources).toEqual([
      { configMap: { name: "prometheus-config" } },
      { configMap: { name: "prometheus-alerts" } },
    ]);
    expect(v.server.extraVolumeMounts).toEqual(v.configmapReload.prometheus.extraVolumeMounts);
    expect(v.configmapReload.prometheus.extraVolumeDirs).toEqual(["/etc/ml-platform"]);
    // extraFlags replaces the chart's list: its default flag stays.
    expect(v.server.extraFlags).toEqual([
      "web.enable-lifecycle",
      "web.enable-remote-write-receiver",
    ]);
    expect(parse(files.get(prometheusConfigPath)!).rule_files).toEqual([
      "alerts.yml",
      "monitoring.yml",
    ]);
  });

  it("runs our Alertmanager configuration with the receivers' Secret beside (not inside) /etc/alertmanager", () => {
    expect(v.alertmanager.config).toEqual(parse(files.get(alertmanagerConfigPath)!));
    expect(v.alertmanager.extraSecretMounts).toEqual([
      {
        name: "alertmanager-receivers",
        mountPath: "/etc/alertmanager-secrets",
        subPath: "",
        secretName: "alertmanager-receivers",
        readOnly: true,
      },
    ]);
  });

  it("turns on Grafana's sidecars with the chart's default folder annotation and label names", () => {
    const g = values("prometheus-community", "grafana");
    expect(g.sidecar.dashboards).toMatchObject({ enabled: true, label: "grafana_dashboard" });
    expect(g.sidecar.dashboards).not.toHaveProperty("folderAnnotation");
    expect(g.sidecar.dashboards.provider.foldersFromFilesStructure).toBe(true);
    expect(g.sidecar.datasources).toMatchObject({ enabled: true, label: "grafana_datasource" });
  });

  it("gives loki-stack's Loki a ruler on the loki-rules ConfigMap, alerting the chart's Alertmanager", () => {
    const l = values("prometheus-community", "loki-stack");
    expect(l.loki.useExistingAlertingGroup).toEqual({ enabled: true, configmapName: "loki-rules" });
    expect(l.loki.config.ruler).toMatchObject({
      storage: { type: "local", local: { directory: "/rules" } },
      alertmanager_url: "http://prometheus-alertmanager.monitoring.svc:9093",
      remote_write: { client: { url: "http://prometheus-server.monitoring.svc:80/api/v1/write" } },
    });
  });

  it("ships the platform namespace with our Promtail job only: the default job drops it", () => {
    const l = values("prometheus-community", "loki-stack");
    expect(parse(l.promtail.config.snippets.extraScrapeConfigs)).toEqual([
      promtailScrapeJob(platform),
    ]);
    expect(l.promtail.config.snippets.extraRelabelConfigs).toEqual([
      { source_labels: ["__meta_kubernetes_namespace"], regex: "ml-platform", action: "drop" },
    ]);
    // The chart passes this string through Helm's tpl: no template delimiters in it.
    expect(l.promtail.config.snippets.extraScrapeConfigs).not.toContain("{{");
  });
});

describe("config/helm: kube-prometheus-stack", () => {
  const v = values("kube-prometheus-stack", "kube-prometheus-stack");

  it("adds our scrape jobs, our Alertmanager configuration and its Secret, and Loki beside the stack's Prometheus", () => {
    // The platform's jobs only: the stack scrapes its own Prometheus and Alertmanager.
    const stack: string[] = Object.values(platform.monitoring.stackJobs);
    expect(v.prometheus.prometheusSpec.additionalScrapeConfigs).toEqual(
      parse(files.get(prometheusConfigPath)!).scrape_configs.filter(
        (j: { job_name: string }) => !stack.includes(j.job_name),
      ),
    );
    expect(v.alertmanager.config).toEqual(parse(files.get(alertmanagerConfigPath)!));
    expect(v.alertmanager.alertmanagerSpec.volumeMounts[0].mountPath).toBe(
      "/etc/alertmanager-secrets",
    );
    expect(v.grafana.additionalDataSources).toEqual([
      expect.objectContaining({
        uid: "loki",
        type: "loki",
        url: "http://loki.monitoring.svc:3100",
      }),
    ]);
  });

  it("points loki-stack's ruler at the stack's Alertmanager and Prometheus", () => {
    expect(values("kube-prometheus-stack", "loki-stack").loki.config.ruler).toMatchObject({
      alertmanager_url: "http://kube-prometheus-stack-alertmanager.monitoring.svc:9093",
      remote_write: {
        client: { url: "http://kube-prometheus-stack-prometheus.monitoring.svc:9090/api/v1/write" },
      },
    });
  });
});

describe("Prometheus keeps an SLO's whole period, across reschedules", () => {
  const model = repo;
  const longest = Math.max(...model.slos.map((s) => durationSeconds(s.slo.period)));
  const margin = durationSeconds(model.platform.monitoring.storage.retentionMargin);
  const size = model.platform.monitoring.storage.size;
  const retentionOf = (m: typeof model) => {
    const f = renderAll(m).files;
    const get = (target: "prometheus-community" | "kube-prometheus-stack", chart: string) =>
      parse(f.get(helmValuesPath(target, chart))!);
    return [
      get("prometheus-community", "prometheus").server.retention,
      get("kube-prometheus-stack", "kube-prometheus-stack").prometheus.prometheusSpec.retention,
    ];
  };

  it("retains the longest SLO period and the margin, in both charts' values (defaults 15d, 10d)", () => {
    const [community, stack] = retentionOf(model);
    expect(community).toBe(stack);
    expect(parseDuration(community)).toBeGreaterThanOrEqual(longest + margin);
    expect(parseDuration(community)).toBeLessThan(longest + margin + 86_400);
  });

  it("follows the SLO period: a 90-day objective keeps 90 days and the margin", () => {
    const slos = model.slos.map((s, i) =>
      i === 0 ? { ...s, slo: { ...s.slo, period: "90d" as const } } : s,
    );
    expect(retentionOf({ ...model, slos })).toEqual(
      Array(2).fill(`${(90 * 86_400 + margin) / 86_400}d`),
    );
  });

  it("stores on a persistent volume: the prometheus chart's PVC, the stack's volumeClaimTemplate", () => {
    expect(values("prometheus-community", "prometheus").server.persistentVolume).toEqual({
      enabled: true,
      size,
    });
    const spec = values("kube-prometheus-stack", "kube-prometheus-stack").prometheus.prometheusSpec
      .storageSpec;
    expect(spec).not.toHaveProperty("emptyDir");
    expect(spec.volumeClaimTemplate.spec.resources.requests.storage).toBe(size);
  });
});
