/**
 * dcgm-exporter names its node label `Hostname` up to 4.5.3-4.8.2 and `hostname` after: the
 * generated scrape config must store `hostname` either way. Proven on a real Prometheus
 * scraping both shapes from a local HTTP server with the dcgm-exporter job's relabelling.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { parse } from "yaml";
import { platform } from "../../config/platform.ts";
import { PrometheusApi } from "../../scripts/engine/prometheus/api.ts";
import { startPrometheus } from "../../scripts/engine/prometheus/server.ts";
import { prometheusConfigDocument } from "../../scripts/engine/render/prometheus-config.ts";
import { requireBinaries } from "../helpers/binaries.ts";

const need = requireBinaries(["prometheus"]);

/** One GPU gauge as a release of dcgm-exporter prints it, with its node label spelled `label`. */
const exposition = (label: string, node: string) =>
  [
    "# HELP DCGM_FI_DEV_GPU_UTIL GPU utilization (in %).",
    "# TYPE DCGM_FI_DEV_GPU_UTIL gauge",
    `DCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-5a1c0e7e-0000-0000-0000-000000000000",pci_bus_id="00000000:07:00.0",device="nvidia0",modelName="NVIDIA A100-SXM4-80GB",${label}="${node}",DCGM_FI_DRIVER_VERSION="550.54.15"} 97`,
    "",
  ].join("\n");

const releases: Record<string, string> = {
  "/old": exposition("Hostname", "gpu-node-1"),
  "/new": exposition("hostname", "gpu-node-2"),
};

describe.skipIf(need.skip)(need.title("dcgm-exporter's node label on a real Prometheus"), () => {
  it("is stored as hostname whichever release writes it, and Hostname is dropped", async () => {
    const exporter = createServer((req, res) => {
      res.writeHead(200, { "Content-Type": "text/plain; version=0.0.4" });
      res.end(releases[req.url ?? ""] ?? "");
    });
    await new Promise<void>((resolve) => exporter.listen(0, "127.0.0.1", resolve));
    onTestFinished(() => new Promise<void>((resolve) => exporter.close(() => resolve())));
    const address = exporter.address() as { port: number };
    const generated = parse(prometheusConfigDocument(platform)) as {
      scrape_configs: { job_name: string; metric_relabel_configs?: unknown[] }[];
    };
    const dcgm = generated.scrape_configs.find((j) => j.job_name === "dcgm-exporter")!;
    expect(dcgm.metric_relabel_configs).toBeDefined();

    const dir = mkdtempSync(join(tmpdir(), "mlmon-dcgm-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const server = await startPrometheus({
      dir,
      lifetimeSeconds: 60,
      scrapeConfigs: Object.keys(releases).map((path) => ({
        job_name: `dcgm-exporter${path.replace("/", "-")}`,
        scrape_interval: "1s",
        metrics_path: path,
        static_configs: [{ targets: [`127.0.0.1:${address.port}`] }],
        metric_relabel_configs: dcgm.metric_relabel_configs,
      })),
    });
    onTestFinished(() => server.stop());
    const api = new PrometheusApi(server.url);
    const values = async (label: string) =>
      (await api.labelValues(label, "DCGM_FI_DEV_GPU_UTIL", 0, Date.now() / 1000 + 60)).values;
    // Wait for the event: both targets scraped, however long the first scrapes take.
    const deadline = Date.now() + 30_000;
    while ((await values("job")).length < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await values("job")).toEqual(["dcgm-exporter-new", "dcgm-exporter-old"]);
    expect(await values("hostname")).toEqual(["gpu-node-1", "gpu-node-2"]);
    expect(await values("Hostname")).toEqual([]);
  });
});
