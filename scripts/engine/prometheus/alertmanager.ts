import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { onPath } from "./binaries.ts";
import { startServerProcess, type ServerProcess } from "./process.ts";

/** Debian names the Alertmanager binary prometheus-alertmanager; upstream, alertmanager. */
export const alertmanagerBinaries = ["prometheus-alertmanager", "alertmanager"] as const;
export const alertmanagerBinary = (): string | undefined =>
  alertmanagerBinaries.find((b) => onPath(b) !== undefined);

/**
 * A real Alertmanager for tests (see process.ts) with the given configuration, clustering off
 * (it would listen on every interface), its state in `dir`.
 */
export function startAlertmanager(o: {
  dir: string;
  config: string;
  lifetimeSeconds?: number;
}): Promise<ServerProcess> {
  const binary = alertmanagerBinary();
  if (!binary) throw new Error(`none of ${alertmanagerBinaries.join(", ")} is on PATH`);
  const config = join(o.dir, "alertmanager.yml");
  writeFileSync(config, o.config);
  return startServerProcess({
    command: (port) => [
      binary,
      `--config.file=${config}`,
      `--storage.path=${join(o.dir, "alertmanager-data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--cluster.listen-address=",
      "--log.level=warn",
    ],
    lifetimeSeconds: o.lifetimeSeconds,
  });
}
