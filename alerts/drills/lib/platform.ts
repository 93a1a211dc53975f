/**
 * The whole platform on a normal day, every component with its replicas, and the series they
 * report. A drill changes what breaks (its overrides) and keeps the rest healthy, so "nothing
 * else fires" is tested against everything the alerts read.
 */
import { apiService, type ApiServiceSpec } from "./api-service.ts";
import { gateway, type GatewaySpec, type Tier } from "./gateway.ts";
import { defaultMemoryUsed, gpus, type GpuSpec } from "./gpus.ts";
import { modelServer, type ModelServerSpec } from "./model-server.ts";
import { SeriesSet } from "./series.ts";
import { worker, type WorkerSpec } from "./worker.ts";

export interface PlatformSpec {
  gateway: GatewaySpec;
  worker: WorkerSpec;
  modelServer: ModelServerSpec;
  gpus: GpuSpec;
  apiService: ApiServiceSpec;
}

const healthy = () => ({});

/** A normal day: steady traffic well within capacity, every alert's input well inside its threshold. */
export const normalDay: PlatformSpec = {
  gateway: {
    replicas: 2,
    health: healthy,
    requestsPerSecond: () => 20,
    rateLimitedShare: () => 0.02,
    outputFailingShare: () => 0,
    processorFailingShare: () => 0,
    quotaRefusals: { free: () => 0.1, pro: () => 0.02, enterprise: () => 0 },
    latency: () => [
      [0.9, 0.01],
      [0.1, 0.04],
    ],
  },
  worker: {
    replicas: 3,
    partitions: 3,
    health: healthy,
    stalled: () => false,
    disconnected: () => false,
    threads: 32,
    calls: () => ({}),
    callLatency: () => [
      [0.5, 1.5],
      [0.4, 3],
      [0.1, 8],
    ],
    timeoutSeconds: 120,
    retries: 3,
    retryPeriodSeconds: 1,
    uncommittedSeconds: () => 5,
    timing: () => "histogram",
  },
  modelServer: {
    replicas: 2,
    health: healthy,
    waiting: () => 1,
    running: () => 12,
    kvCacheUsage: () => 0.5,
    preemptionsPerSecond: () => 0,
    timeToFirstToken: () => [
      [0.7, 0.15],
      [0.25, 0.4],
      [0.05, 0.9],
    ],
    engineStats: () => true,
  },
  gpus: {
    perNode: 8,
    health: healthy,
    memoryUsed: () => defaultMemoryUsed,
    utilisation: () => 60,
    temperature: () => 62,
    xid: () => 0,
    rowRemapFailure: () => 0,
    clockEventReasons: () => 0,
  },
  apiService: {
    replicas: 2,
    health: healthy,
    requestsPerSecond: () => 30,
    errorShare: () => 0.0002,
    latency: () => [
      [0.8, 0.05],
      [0.17, 0.3],
      [0.03, 0.8],
    ],
  },
};

/** What a drill changes: any field of any component; the rest is the normal day. */
export type Overrides = {
  [K in keyof PlatformSpec]?: Partial<Omit<PlatformSpec[K], "quotaRefusals">> &
    (K extends "gateway" ? { quotaRefusals?: Partial<GatewaySpec["quotaRefusals"]> } : unknown);
};

function merged(o: Overrides): PlatformSpec {
  const quota = { ...normalDay.gateway.quotaRefusals, ...o.gateway?.quotaRefusals } as Record<
    Tier,
    GatewaySpec["quotaRefusals"][Tier]
  >;
  return {
    gateway: { ...normalDay.gateway, ...o.gateway, quotaRefusals: quota },
    worker: { ...normalDay.worker, ...o.worker },
    modelServer: { ...normalDay.modelServer, ...o.modelServer },
    gpus: { ...normalDay.gpus, ...o.gpus },
    apiService: { ...normalDay.apiService, ...o.apiService },
  };
}

/** Every series of the platform over `times`: the queue carries the gateway's output to the worker, whose answered calls are what the model server serves. */
export function simulate(times: readonly number[], step: number, overrides: Overrides) {
  const spec = merged(overrides);
  const s = new SeriesSet(times, step);
  const written = gateway(s, spec.gateway);
  const served = worker(s, spec.worker, written);
  modelServer(s, spec.modelServer, served);
  gpus(s, spec.gpus, spec.modelServer.replicas);
  apiService(s, spec.apiService);
  return s.all();
}
