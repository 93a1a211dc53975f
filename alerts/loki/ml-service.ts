import { formatDuration, type RuleGroup } from "../../scripts/authoring/index.ts";
import { logThresholds, platform } from "../../config/platform.ts";
import { alert } from "../lib/alert.ts";

const { job, logSelector } = platform.components.mlService;
const dead = logThresholds.engineDead;
const oom = logThresholds.cudaOutOfMemory;
/** Lines matching `pattern` (a LogQL regex line filter) in the window, per job. */
const lines = (pattern: string, window: string) =>
  `sum by (job) (count_over_time(${logSelector} |~ ${JSON.stringify(pattern)} [${window}])) > 0`;

/**
 * What the model server says in its logs when it breaks (vLLM v1 engine texts): the metrics of
 * a dead engine vanish with the process, the log lines stay.
 */
export const group: RuleGroup = {
  name: "ml-service-logs",
  rules: [
    alert({
      alert: "ModelEngineDead",
      // The engine core's fatal error, the exception every request then gets, and a worker
      // process dying: each means the engine is gone and the server is about to exit.
      expr: lines(
        "EngineCore encountered a fatal error|EngineDeadError|Worker proc \\S+ died unexpectedly",
        dead.window,
      ),
      for: dead.for,
      severity: "critical",
      component: job,
      summary: "The model server's engine died",
      description: `{{ $labels.job }} logged that its inference engine died (EngineCore fatal error, EngineDeadError or a worker process gone) in the last ${formatDuration(dead.window)}: requests fail until it restarts.`,
      runbook: [
        `kubectl logs -n ${platform.namespace} -l app.kubernetes.io/name=${job} --previous: the traceback above "EngineCore encountered a fatal error" names the cause.`,
        "A CUDA error or an out-of-memory kill is the usual cause: check CudaOutOfMemory and the node's dmesg.",
      ],
    }),
    alert({
      alert: "CudaOutOfMemory",
      // PyTorch's runtime OOM, and vLLM's own words when the model or the KV cache does not fit.
      expr: lines(
        "CUDA out of memory|not enough GPU memory|No available memory for the cache blocks",
        oom.window,
      ),
      for: oom.for,
      severity: "warning",
      component: job,
      summary: "The model server ran out of GPU memory",
      description: `{{ $labels.job }} logged a CUDA out-of-memory error in the last ${formatDuration(oom.window)}: the request (or the model load) that hit it failed.`,
      runbook: [
        "Leave vLLM more headroom: lower --gpu-memory-utilization, max_num_seqs or the maximum model length.",
        "Check nothing else runs on the GPU (nvidia-smi on the node).",
      ],
    }),
  ],
};
