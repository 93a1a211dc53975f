/**
 * The rule group registry: one group per component, then one per SLO, written in this order
 * to alerts.yml.
 * Add a group by adding its module here and its scenarios under alerts/tests/.
 */
import { type RuleGroupSource } from "../scripts/authoring/index.ts";
import { group as apiGateway } from "./api-gateway.ts";
import { group as apiService } from "./api-service.ts";
import { group as instrumentation } from "./instrumentation.ts";
import { group as mlService } from "./ml-service.ts";
import { group as mlWorker } from "./ml-worker.ts";
import { group as monitoringStack } from "./monitoring-stack.ts";
import { groups as sloGroups } from "./slos.ts";
import { group as targets } from "./targets.ts";

export const ruleGroups: RuleGroupSource[] = [
  { file: "alerts/targets.ts", group: targets },
  { file: "alerts/api-gateway.ts", group: apiGateway },
  { file: "alerts/ml-worker.ts", group: mlWorker },
  { file: "alerts/ml-service.ts", group: mlService },
  { file: "alerts/api-service.ts", group: apiService },
  { file: "alerts/instrumentation.ts", group: instrumentation },
  ...sloGroups.map((group) => ({ file: "alerts/slos.ts", group })),
  // Written to config/prometheus/monitoring.yml, for the prometheus-community chart only.
  { file: "alerts/monitoring-stack.ts", group: monitoringStack },
];
