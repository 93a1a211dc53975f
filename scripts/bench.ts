/**
 * npm run bench: how long each stage of the build takes and how much memory it holds, on the
 * real sources and on a model scaled up N times (many dashboards, as a large platform would
 * have). Prints figures; asserts nothing (timings belong here, not in tests).
 */
import { performance } from "node:perf_hooks";
import { modelChecks, outputChecks } from "./engine/checks/index.ts";
import { runChecks } from "./engine/checks/check.ts";
import type { Model } from "./engine/model/index.ts";
import { renderAll } from "./engine/render/index.ts";
import { loadSources } from "./engine/sources/load.ts";

const runs = Number(process.env.BENCH_RUNS ?? 5);
const scale = Number(process.env.BENCH_SCALE ?? 20);

function time<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The same model with every dashboard and rule group copied `n` times under new names. */
function scaled(model: Model, n: number): Model {
  const copies = Array.from({ length: n }, (_, i) => i);
  return {
    ...model,
    dashboards: copies.flatMap((i) =>
      model.dashboards.map((d) => ({
        ...d,
        slug: `${d.slug}-${i}`,
        dashboard: { ...d.dashboard, uid: `${d.slug}-${i}`, title: `${d.dashboard.title} ${i}` },
      })),
    ),
    ruleGroups: copies.flatMap((i) =>
      model.ruleGroups.map((g) => ({ ...g, group: { ...g.group, name: `${g.group.name}-${i}` } })),
    ),
  };
}

function stages(label: string, model: Model) {
  const checks: number[] = [];
  const render: number[] = [];
  for (let i = 0; i < runs; i++) {
    checks.push(time(() => runChecks(modelChecks, model)).ms);
    const r = time(() => renderAll(model));
    render.push(r.ms + time(() => runChecks(outputChecks, model, r.value.files)).ms);
  }
  const panels = model.dashboards.reduce((n, d) => n + (d.dashboard.panels?.length ?? 0), 0);
  const rules = model.ruleGroups.reduce((n, g) => n + g.group.rules.length, 0);
  console.log(
    `${label.padEnd(14)} ${String(model.dashboards.length).padStart(4)} dashboards ${String(panels).padStart(5)} panels ${String(rules).padStart(4)} rules | checks ${median(checks).toFixed(1).padStart(7)} ms | render+output checks ${median(render).toFixed(1).padStart(7)} ms`,
  );
}

const load = time(() => loadSources(process.cwd()));
console.log(
  `load sources (catalogue, dashboards, rules): ${load.ms.toFixed(1)} ms (first run, includes module start-up)`,
);
stages("real sources", load.value.model);
stages(`scaled x${scale}`, scaled(load.value.model, scale));
const mem = process.memoryUsage();
console.log(
  `memory: rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB (median of ${runs} runs each)`,
);
