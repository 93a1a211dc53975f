import type { Platform } from "../model/platform.ts";

/**
 * What the charts call their Services, from their `_helpers.tpl`: a release whose name
 * contains the chart's name is used as is, else `<release>-<chart>`; cut to `max` characters
 * with a trailing "-" trimmed.
 */
export function chartFullname(release: string, chart: string, max = 63): string {
  const name = release.includes(chart) ? release : `${release}-${chart}`;
  return name.slice(0, max).replace(/-+$/, "");
}

/** In-cluster addresses of the monitoring stack, as each chart installs it. */
export function stackServices(platform: Platform) {
  const { namespace, releases } = platform.monitoring;
  const svc = (name: string, port: number) => `${name}.${namespace}.svc:${port}`;
  // kube-prometheus-stack keeps its fullname to 26 characters: its longest names add 37.
  const kps = chartFullname(releases.kubePrometheusStack, "kube-prometheus-stack", 26);
  return {
    prometheusCommunity: {
      /** prometheus.server.fullname: `<fullname>-server` (server.name), port 80. */
      prometheus: svc(`${chartFullname(releases.prometheus, "prometheus")}-server`, 80),
      /** The alertmanager subchart's Service, port 9093. */
      alertmanager: svc(chartFullname(releases.prometheus, "alertmanager"), 9093),
    },
    kubePrometheusStack: {
      prometheus: svc(`${kps}-prometheus`, 9090),
      alertmanager: svc(`${kps}-alertmanager`, 9093),
    },
    /** loki-stack's Loki (the single-binary loki 2.x chart), port 3100. */
    loki: svc(chartFullname(releases.loki, "loki"), 3100),
  };
}
