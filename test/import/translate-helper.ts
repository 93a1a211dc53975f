/** The import's pure steps on a text, into a repository copy, the way the command runs them. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as prettier from "prettier";
import { normalise } from "../../scripts/engine/import/read.ts";
import { loadSdk } from "../../scripts/engine/import/sdk.ts";
import { translate, type Loss } from "../../scripts/engine/import/translate.ts";
import type { DashboardSource } from "../../scripts/engine/model/dashboard.ts";
import type { Json } from "../../scripts/engine/model/walk.ts";
import { parseInput } from "../../scripts/engine/sources/foreign.ts";
import { loadStyle } from "../../scripts/engine/sources/style.ts";

export interface Imported {
  file: string;
  source: string;
  built: DashboardSource;
  normalised: Json;
  losses: Loss[];
}

let count = 0;

export async function importInto(
  root: string,
  name: string,
  text: string,
  slug: string,
  component?: string,
): Promise<Imported> {
  const parsed = parseInput(name, text);
  const style = await loadStyle(root);
  const n = normalise(parsed.dashboards[0]!.dashboard as unknown as Json, {
    prometheus: style.prometheusRef,
    loki: style.lokiRef,
  });
  const t = translate(n.dashboard, await loadSdk(), style, {
    slug,
    ...(component ? { component } : {}),
    pointerOf: n.pointerOf,
  });
  // A new file name each time: a module is imported once per path.
  const file = join(root, "dashboards", `${slug}-${++count}.ts`);
  const source = await prettier.format(t.source, { filepath: file });
  writeFileSync(file, source);
  const built = ((await import(pathToFileURL(file).href)) as { default: DashboardSource }).default;
  return { file, source, built, normalised: n.dashboard, losses: [...n.notes, ...t.losses] };
}
