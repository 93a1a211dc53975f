/**
 * The drill registry: one module per failure mode of the platform. Add a drill by writing
 * alerts/drills/<failure-mode>.ts with defineDrill (alerts/drills/lib/drill.ts) and listing it
 * here; `npm run drills` runs them, and so does `npm test`.
 */
import { type DrillSource } from "../../scripts/authoring/index.ts";
import api5xxBurst from "./api-5xx-burst.ts";
import apiBudgetBurnOverDays from "./api-budget-burn-over-days.ts";
import apiSlowBurn from "./api-slow-burn.ts";
import apiSlowResponses from "./api-slow-responses.ts";
import benthosSummaryTiming from "./benthos-summary-timing.ts";
import gatewayOutputFailing from "./gateway-output-failing.ts";
import gatewayQuietNightOutputDown from "./gateway-quiet-night-output-down.ts";
import gatewayRateLimited from "./gateway-rate-limited.ts";
import gpuBusyPreallocated from "./gpu-busy-preallocated.ts";
import gpuThermalThrottling from "./gpu-thermal-throttling.ts";
import gpuXid from "./gpu-xid.ts";
import kvCacheFullElsewhere from "./kv-cache-full-elsewhere.ts";
import modelServerBusyReplicas from "./model-server-busy-replicas.ts";
import modelServerFirstTokensStalled from "./model-server-first-tokens-stalled.ts";
import modelServerFirstTokensUnderThreshold from "./model-server-first-tokens-under-threshold.ts";
import modelServerRefusing from "./model-server-refusing.ts";
import modelServerRefusingWorkerRestarted from "./model-server-refusing-worker-restarted.ts";
import modelServerSlow from "./model-server-slow.ts";
import modelServerTimingOut from "./model-server-timing-out.ts";
import modelServerWithoutEngineStats from "./model-server-without-engine-stats.ts";
import normalDay from "./normal-day.ts";
import quotaSteadyRefusals from "./quota-steady-refusals.ts";
import quotaSurge from "./quota-surge.ts";
import targetUnreachable from "./target-unreachable.ts";
import targetsVanished from "./targets-vanished.ts";
import workerBacklogGrowing from "./worker-backlog-growing.ts";
import workerBrokerUnreachable from "./worker-broker-unreachable.ts";
import workerBusyReplicatedLag from "./worker-busy-replicated-lag.ts";
import workerDead from "./worker-dead.ts";
import workerMoreReplicasThanPartitions from "./worker-more-replicas-than-partitions.ts";
import workerReplicaStalled from "./worker-replica-stalled.ts";

export const drills: DrillSource[] = [
  { file: "alerts/drills/api-5xx-burst.ts", drill: api5xxBurst },
  { file: "alerts/drills/api-budget-burn-over-days.ts", drill: apiBudgetBurnOverDays },
  { file: "alerts/drills/api-slow-burn.ts", drill: apiSlowBurn },
  { file: "alerts/drills/api-slow-responses.ts", drill: apiSlowResponses },
  { file: "alerts/drills/benthos-summary-timing.ts", drill: benthosSummaryTiming },
  { file: "alerts/drills/gateway-output-failing.ts", drill: gatewayOutputFailing },
  {
    file: "alerts/drills/gateway-quiet-night-output-down.ts",
    drill: gatewayQuietNightOutputDown,
  },
  { file: "alerts/drills/gateway-rate-limited.ts", drill: gatewayRateLimited },
  { file: "alerts/drills/gpu-busy-preallocated.ts", drill: gpuBusyPreallocated },
  { file: "alerts/drills/gpu-thermal-throttling.ts", drill: gpuThermalThrottling },
  { file: "alerts/drills/gpu-xid.ts", drill: gpuXid },
  { file: "alerts/drills/kv-cache-full-elsewhere.ts", drill: kvCacheFullElsewhere },
  { file: "alerts/drills/model-server-busy-replicas.ts", drill: modelServerBusyReplicas },
  {
    file: "alerts/drills/model-server-first-tokens-stalled.ts",
    drill: modelServerFirstTokensStalled,
  },
  {
    file: "alerts/drills/model-server-first-tokens-under-threshold.ts",
    drill: modelServerFirstTokensUnderThreshold,
  },
  { file: "alerts/drills/model-server-refusing.ts", drill: modelServerRefusing },
  {
    file: "alerts/drills/model-server-refusing-worker-restarted.ts",
    drill: modelServerRefusingWorkerRestarted,
  },
  { file: "alerts/drills/model-server-slow.ts", drill: modelServerSlow },
  { file: "alerts/drills/model-server-timing-out.ts", drill: modelServerTimingOut },
  {
    file: "alerts/drills/model-server-without-engine-stats.ts",
    drill: modelServerWithoutEngineStats,
  },
  { file: "alerts/drills/normal-day.ts", drill: normalDay },
  { file: "alerts/drills/quota-steady-refusals.ts", drill: quotaSteadyRefusals },
  { file: "alerts/drills/quota-surge.ts", drill: quotaSurge },
  { file: "alerts/drills/target-unreachable.ts", drill: targetUnreachable },
  { file: "alerts/drills/targets-vanished.ts", drill: targetsVanished },
  { file: "alerts/drills/worker-backlog-growing.ts", drill: workerBacklogGrowing },
  { file: "alerts/drills/worker-broker-unreachable.ts", drill: workerBrokerUnreachable },
  { file: "alerts/drills/worker-busy-replicated-lag.ts", drill: workerBusyReplicatedLag },
  { file: "alerts/drills/worker-dead.ts", drill: workerDead },
  {
    file: "alerts/drills/worker-more-replicas-than-partitions.ts",
    drill: workerMoreReplicasThanPartitions,
  },
  { file: "alerts/drills/worker-replica-stalled.ts", drill: workerReplicaStalled },
];
