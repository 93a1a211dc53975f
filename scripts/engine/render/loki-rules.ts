import type { Model } from "../model/index.ts";
import { groupToYaml } from "./alerts.ts";
import { rendered, type Rendered } from "./rendered.ts";
import { generatedMarker, toYaml } from "./yaml.ts";
import { lokiRulesPath } from "../outputs.ts";

/** The Loki ruler's rule file body: Prometheus' rule format with LogQL expressions. */
export const lokiRulesDocument = (model: Model): string =>
  toYaml({ groups: model.logRuleGroups.map((s) => groupToYaml(s.group)) });

export function renderLokiRules(model: Model): Rendered {
  return rendered([
    [lokiRulesPath, generatedMarker("alerts/loki/*.ts") + lokiRulesDocument(model)],
  ]);
}
