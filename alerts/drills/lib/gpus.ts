/**
 * The GPUs as dcgm-exporter reports them, one exporter per node of eight GPUs, GPU i serving
 * model-server replica i. Labels as stored after the scrape config's relabelling (`hostname`).
 * DCGM_FI_DEV_XID_ERRORS holds the last XID, in its value and its err_code label: a new code is
 * a new series.
 */
import { platform, thresholds } from "../../../config/platform.ts";
import type { PerReplica } from "./model-server.ts";
import { pod, type SeriesSet, type Target } from "./series.ts";

export interface GpuSpec {
  perNode: number;
  health: (node: number) => Partial<Pick<Target, "discovered" | "scraped">>;
  /** Share of the framebuffer in use, reserved memory counted in the total. */
  memoryUsed: PerReplica;
  utilisation: PerReplica;
  temperature: PerReplica;
  /** The last XID: 0 before any. */
  xid: PerReplica;
  rowRemapFailure: PerReplica;
  /** DCGM_FI_DEV_CLOCKS_EVENT_REASONS: 0x4 is the power cap of a busy GPU. */
  clockEventReasons: PerReplica;
}

/** An A100 80GB as dcgm-exporter sees it (MiB). */
const totalMiB = 81_920;
const reservedMiB = 570;

/** err_msg for the XIDs drills use (dcgm-exporter's table, from NVIDIA's Xid catalogue). */
const xidMessages: Record<number, string> = {
  0: "No Error",
  13: "Graphics Engine Exception",
  31: "GPU memory page fault",
  48: "Double Bit ECC Error",
  79: "GPU has fallen off the bus",
  95: "Uncontained ECC error",
};

export const defaultMemoryUsed = thresholds.gpuMemory.vllmPreallocation;

export function gpus(s: SeriesSet, spec: GpuSpec, count: number) {
  for (let g = 0; g < count; g++) {
    const node = Math.floor(g / spec.perNode);
    const exporter = pod(platform.components.gpuExporter.job, node, spec.health(node));
    if (g % spec.perNode === 0) s.up(exporter);
    const labels = {
      gpu: String(g % spec.perNode),
      UUID: `GPU-5a1c0e7e-0000-0000-0000-${String(g).padStart(12, "0")}`,
      device: `nvidia${g % spec.perNode}`,
      modelName: "NVIDIA A100-SXM4-80GB",
      hostname: `gpu-node-${node + 1}`,
    };
    const used = (t: number) => Math.round(spec.memoryUsed(t, g) * totalMiB);
    s.add(exporter, "DCGM_FI_DEV_FB_USED", labels, used);
    s.add(exporter, "DCGM_FI_DEV_FB_FREE", labels, (t) => totalMiB - reservedMiB - used(t));
    s.add(exporter, "DCGM_FI_DEV_FB_RESERVED", labels, () => reservedMiB);
    s.add(exporter, "DCGM_FI_DEV_GPU_UTIL", labels, (t) => spec.utilisation(t, g));
    s.add(exporter, "DCGM_FI_DEV_GPU_TEMP", labels, (t) => spec.temperature(t, g));
    s.add(exporter, "DCGM_FI_DEV_ROW_REMAP_FAILURE", labels, (t) => spec.rowRemapFailure(t, g));
    s.add(exporter, "DCGM_FI_DEV_CLOCKS_EVENT_REASONS", labels, (t) =>
      spec.clockEventReasons(t, g),
    );
    const codes = new Set(s.times.map((t) => spec.xid(t, g)));
    for (const code of codes) {
      const xidLabels = {
        ...labels,
        err_code: String(code),
        err_msg: xidMessages[code] ?? "Unknown Error",
      };
      s.add(exporter, "DCGM_FI_DEV_XID_ERRORS", xidLabels, (t) =>
        spec.xid(t, g) === code ? code : null,
      );
    }
  }
}
