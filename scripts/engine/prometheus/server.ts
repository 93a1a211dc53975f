import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { startServerProcess, type ServerProcess } from "./process.ts";

/**
 * A real Prometheus server for tests and benchmarks (see process.ts): on a TSDB the caller
 * prepared, scraping only what it is given, evaluating the given rules.
 */
export interface StartOptions {
  /** A directory the server may use: its config goes here, its TSDB is `<dir>/data`. */
  dir: string;
  /** Rule files (absolute paths) to load and evaluate. */
  ruleFiles?: string[];
  /** How often rules are evaluated (and targets scraped). */
  evaluationInterval?: string;
  /** Scrape jobs (Prometheus' `scrape_configs`); none by default. */
  scrapeConfigs?: unknown[];
  /** Alertmanagers (`host:port`) the firing alerts are sent to. */
  alertmanagers?: string[];
  /** More command-line flags (`--rules.alert.resend-delay=1s`). */
  flags?: string[];
  /** Hard limit on the server's life, in seconds: it is killed after this whatever happens. */
  lifetimeSeconds?: number;
  readyTimeoutMs?: number;
}

export type PrometheusServer = ServerProcess;

export function startPrometheus(o: StartOptions): Promise<PrometheusServer> {
  const config = join(o.dir, "prometheus.yml");
  const interval = o.evaluationInterval ?? "1s";
  writeFileSync(
    config,
    stringify({
      global: { evaluation_interval: interval, scrape_interval: interval },
      rule_files: o.ruleFiles ?? [],
      ...(o.alertmanagers
        ? { alerting: { alertmanagers: [{ static_configs: [{ targets: o.alertmanagers }] }] } }
        : {}),
      ...(o.scrapeConfigs ? { scrape_configs: o.scrapeConfigs } : {}),
    }),
  );
  return startServerProcess({
    command: (port) => [
      "prometheus",
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(o.dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--log.level=warn",
      ...(o.flags ?? []),
    ],
    lifetimeSeconds: o.lifetimeSeconds,
    readyTimeoutMs: o.readyTimeoutMs,
  });
}
