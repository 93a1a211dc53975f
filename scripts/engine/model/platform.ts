/**
 * The shape of config/platform.ts: what dashboards, alerts, the scrape config and the
 * Kubernetes manifests must agree on. The sources declare one; the model carries it, so every
 * check and renderer gets it as an argument.
 */

/** A scraped component of the platform. `job` is the Prometheus job label everything selects on. */
export interface Component {
  /** Prometheus `job` label, also the scrape job name. */
  job: string;
  /** Kubernetes Service name (app.kubernetes.io/name) the scrape job keeps. */
  service: string;
  /** Name of the Service port that serves /metrics. */
  portName: string;
  port: number;
  metricsPath: string;
  /** Loki stream selector of the component's structured logs. */
  logSelector: string;
}

export interface Datasource {
  uid: string;
  name: string;
  url: string;
}

export interface Platform {
  /** The Kubernetes namespace the platform runs in. */
  namespace: string;
  components: Readonly<Record<string, Component>>;
  datasources: { prometheus: Datasource; loki: Datasource };
  alertmanager: { target: string };
  /** The monitoring stack the generated Kubernetes manifests are applied to. */
  monitoring: {
    namespace: string;
    /** Prometheus' scrape interval, also Grafana's datasource `timeInterval` ($__rate_interval). */
    scrapeInterval: string;
    /** Labels a PrometheusRule needs for the operator's ruleSelector to pick it up. */
    prometheusRuleLabels: Readonly<Record<string, string>>;
  };
  /** Grafana folder (and sub-folder of the dashboards output) the dashboards go into. */
  grafanaFolder: string;
  /** Where the generated runbook is served; every alert's runbook_url points at its section. */
  runbookBaseUrl: string;
}
