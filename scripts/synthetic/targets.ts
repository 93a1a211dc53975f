import { platform, type Component } from "../../config/platform.ts";
import { targetLabels, type Catalogue } from "../catalogue/types.ts";
import type { Target } from "./openmetrics.ts";

/** What each target label reads on the i-th target: what Kubernetes discovery would give. */
const labelValue: Record<string, (c: Component, i: number) => string> = {
  job: (c) => c.job,
  instance: (c, i) => `10.42.0.${i + 1}:${c.port}`,
  namespace: () => platform.namespace,
  pod: (c) => `${c.service}-0`,
};

/**
 * One synthetic target per job the catalogue names, on the component's metrics port, with
 * every label the scrape config attaches to its series (`targetLabels`).
 */
export function syntheticTargets(catalogue: Catalogue, components: readonly Component[]): Target[] {
  const jobs = [...new Set(catalogue.files.flatMap((f) => f.jobs))].sort();
  return jobs.map((job, i) => {
    const component = components.find((c) => c.job === job);
    if (!component) {
      const file = catalogue.files.find((f) => f.jobs.includes(job))?.file ?? "config/metrics";
      throw new Error(`${file}: job "${job}" is not a component in config/platform.ts.`);
    }
    const labels = targetLabels.map((name): [string, string] => {
      const value = labelValue[name];
      if (!value) {
        throw new Error(
          `Target label "${name}" has no synthetic value: add one in scripts/synthetic/targets.ts.`,
        );
      }
      return [name, value(component, i)];
    });
    return { job, labels };
  });
}
