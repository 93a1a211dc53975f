import type { Model } from "../model/index.ts";
import type { Datasource, Platform, Secret } from "../model/platform.ts";
import { rendered, type Rendered } from "./rendered.ts";
import { generatedMarker, toYaml } from "./yaml.ts";
import { dashboardProviderPath, datasourcesPath } from "../outputs.ts";

/**
 * Where the Grafana container sees config/grafana: the provisioning folder at Grafana's default
 * provisioning path, the dashboards folder where the provider below reads them.
 */
export const grafanaContainerPaths = {
  provisioning: "/etc/grafana/provisioning",
  dashboards: "/var/lib/grafana/dashboards",
} as const;

const marker = generatedMarker("config/platform.ts");

/**
 * The dashboard provider: every JSON file below the mounted dashboards folder, with its
 * sub-folder (config/grafana/dashboards/<folder>/) as its Grafana folder. The repository is the
 * source of truth: UI edits are refused, and a dashboard whose file is gone is deleted.
 */
export function dashboardProviderDocument(): string {
  return (
    marker +
    toYaml({
      apiVersion: 1,
      providers: [
        {
          name: "ml-platform",
          orgId: 1,
          type: "file",
          disableDeletion: false,
          allowUiUpdates: false,
          updateIntervalSeconds: 30,
          options: {
            path: grafanaContainerPaths.dashboards,
            foldersFromFilesStructure: true,
          },
        },
      ],
    })
  );
}

/**
 * How Grafana's provisioning reads a secret when it loads the file ($__env{VAR} and
 * $__file{path}, expanded in every provisioning value): the file itself holds no secret.
 */
export const secretReference = (s: Secret): string =>
  "env" in s ? `$__env{${s.env}}` : `$__file{${s.file}}`;

/** The fields of a datasource that carry its credentials, by reference. */
const credentials = (d: Datasource) =>
  d.basicAuth
    ? {
        basicAuth: true,
        basicAuthUser: d.basicAuth.user,
        secureJsonData: { basicAuthPassword: secretReference(d.basicAuth.password) },
      }
    : {};

/**
 * Prometheus and Loki with the uids the dashboards' datasource variables default to, at the
 * given URLs (by default the ones for a Grafana outside the cluster).
 */
export function datasourcesDocument(
  platform: Platform,
  urls = { prometheus: platform.datasources.prometheus.url, loki: platform.datasources.loki.url },
): string {
  const { prometheus, loki } = platform.datasources;
  return (
    marker +
    toYaml({
      apiVersion: 1,
      datasources: [
        {
          name: prometheus.name,
          uid: prometheus.uid,
          type: "prometheus",
          access: "proxy",
          url: urls.prometheus,
          ...credentials(prometheus),
          isDefault: true,
          editable: false,
          // Grafana derives $__rate_interval from the scrape interval.
          jsonData: { httpMethod: "POST", timeInterval: platform.monitoring.scrapeInterval },
        },
        {
          name: loki.name,
          uid: loki.uid,
          type: "loki",
          access: "proxy",
          url: urls.loki,
          ...credentials(loki),
          editable: false,
        },
      ],
    })
  );
}

/** Grafana file provisioning: mount config/grafana/ into the container and it is all there. */
export function renderProvisioning(model: Model): Rendered {
  return rendered([
    [dashboardProviderPath, dashboardProviderDocument()],
    [datasourcesPath, datasourcesDocument(model.platform)],
  ]);
}
