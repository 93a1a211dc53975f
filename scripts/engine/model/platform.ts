import type { Duration } from "./rules.ts";

/**
 * The shape of config/platform.ts: what dashboards, alerts, the scrape config and the
 * Kubernetes manifests must agree on. The sources declare one; the model carries it, so every
 * check and renderer gets it as an argument.
 */

/** One Prometheus relabel rule, as the scrape config spells it. */
export interface RelabelConfig {
  source_labels?: readonly string[];
  regex?: string;
  target_label?: string;
  replacement?: string;
  action?: "replace" | "keep" | "drop" | "labeldrop" | "labelkeep" | "labelmap";
}

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
  /** Relabelling of the scraped series (exporter label names that vary between releases). */
  metricRelabelConfigs?: readonly RelabelConfig[];
}

/**
 * A secret that no generated file contains: Grafana reads it when it loads the provisioning
 * file, from an environment variable of its container or from a file mounted into it (a
 * Kubernetes Secret volume).
 */
export type Secret = { env: string } | { file: string };

export interface Datasource {
  uid: string;
  name: string;
  /** Where a Grafana outside the cluster (file provisioning, Docker) reaches it; no credentials in it (they go in `basicAuth`). */
  url: string;
  /** HTTP basic authentication; the password is provisioned as secureJsonData. */
  basicAuth?: { user: string; password: Secret };
}

/**
 * Where an Alertmanager receiver delivers. Credentials are never literals: each `...File` is a
 * key of the Secret `alerting.secret`, read by Alertmanager from its mount.
 */
export type Receiver =
  | {
      kind: "pagerduty";
      /** Key holding the PagerDuty Events v2 routing key. */ routingKeyFile: string;
    }
  | {
      kind: "webhook";
      url: string;
      /** Key holding a bearer token, when the endpoint wants one. */ bearerTokenFile?: string;
    };

/** Who owns which components, and where their alerts go. */
export interface Team {
  /** Jobs (platform.components.*.job) whose alerts, by their `component` label, are the team's. */
  components: readonly string[];
  /** Where critical alerts page. */
  pager: Receiver;
  /** Where warnings open a ticket. */
  tickets: Receiver;
}

/** The path from a firing alert to a person: Alertmanager's routing, grouping and inhibition. */
export interface Alerting {
  /** Alerts with equal values of these labels go out as one notification. */
  groupBy: readonly string[];
  /** Wait before a new group's first notification, between updates, and before repeating. */
  groupWait: string;
  groupInterval: string;
  repeatInterval: string;
  /** Alerts that mean a component is down: they silence every other alert of that component. */
  componentDown: readonly string[];
  /** Alerts that notify no one by design (kube-prometheus-stack's InfoInhibitor). */
  silent: readonly string[];
  /**
   * The dead man's switch: an always-firing alert sent on to a service that pages when it stops
   * hearing it (Prometheus, Alertmanager or the path between them broken), every repeatInterval.
   */
  heartbeat: { alert: string; receiver: Receiver; groupInterval: string; repeatInterval: string };
  /** The Kubernetes Secret holding the receivers' credentials, and where Alertmanager mounts it. */
  secret: { name: string; mountPath: string };
  teams: Readonly<Record<string, Team>>;
  /** The team that gets alerts of no platform component (the monitoring stack's own rules). */
  fallbackTeam: string;
}

/** How a component writes its log lines; each must carry a `level`. */
export type LogFormat =
  | { parser: "json" }
  | { parser: "logfmt" }
  /** Plain text: an RE2 regex whose named group `level` finds the level. */
  | { parser: "regex"; expression: string };

/** Forwarding to the cloud providers' agents: what they need beyond the scrape jobs. */
export interface Cloud {
  aws: {
    /** EKS cluster name: the Container Insights log groups and metric dimension. */
    clusterName: string;
    /** CloudWatch namespace of the forwarded metrics. */
    metricNamespace: string;
  };
  gcp: {
    /** On the VMs the Ops Agent runs on: `<logDir>/<job>/*.log` holds each component's logs. */
    logDir: string;
    /** Which jobs run on each kind of VM: one Ops Agent configuration each, scraping localhost. */
    vms: Readonly<Record<string, readonly string[]>>;
  };
}

export interface Platform {
  /** The Kubernetes namespace the platform runs in. */
  namespace: string;
  components: Readonly<Record<string, Component>>;
  datasources: { prometheus: Datasource; loki: Datasource };
  alerting: Alerting;
  /** The contract each component's deployment keeps about its logs, by job. */
  logFormats: Readonly<Record<string, LogFormat>>;
  cloud: Cloud;
  /** The monitoring stack the generated Kubernetes manifests are applied to. */
  monitoring: {
    namespace: string;
    /**
     * Helm release names: the charts name their Services after them (prometheus-community/
     * prometheus, prometheus-community/kube-prometheus-stack, grafana/loki-stack).
     */
    releases: { prometheus: string; kubePrometheusStack: string; loki: string };
    /** Prometheus' scrape interval, also Grafana's datasource `timeInterval` ($__rate_interval). */
    scrapeInterval: string;
    /** The oldest Prometheus the rules and queries must run on: newer PromQL is flagged. */
    prometheusVersion: string;
    /** Labels a PrometheusRule needs for the operator's ruleSelector to pick it up. */
    prometheusRuleLabels: Readonly<Record<string, string>>;
    /**
     * Prometheus' storage in the Helm values: samples are kept for the longest SLO period plus
     * retentionMargin, on a persistent volume of `size` (a Kubernetes quantity).
     */
    storage: { retentionMargin: Duration; size: string };
    /**
     * The job labels of the prometheus-community chart's Prometheus and Alertmanager, scraped
     * by our prometheus.yml for the stack's own rules (kube-prometheus-stack scrapes its own).
     */
    stackJobs: { prometheus: string; alertmanager: string };
  };
  /** Grafana folder (and sub-folder of the dashboards output) the dashboards go into. */
  grafanaFolder: string;
  /** Where the generated runbook is served; every alert's runbook_url points at its section. */
  runbookBaseUrl: string;
}

/**
 * config/platform.ts `thresholds`: numbers and durations by name, grouped per alert. Each key
 * names its unit (`ratio`, `seconds`, `perSecond`, `for`, `window`, ...), which is how the
 * platform/thresholds check knows what range a value must be in.
 */
export interface Thresholds {
  readonly [key: string]: number | string | readonly number[] | Thresholds;
}
