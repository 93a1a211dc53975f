/**
 * npm run import -- <dashboard.json> [--slug name] [--component job] [--force]
 *
 * read (every shape `npm run check` reads) -> normalise -> translate (pure) -> print (prettier)
 * -> stage dashboards/<slug>.ts and the registry beside them -> build the staged module and
 * compare it with the input -> show what an update changes -> swap both in, or neither -> run
 * the build's checks on the result.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import * as prettier from "prettier";
import { platformSettings, runChecks } from "../checks/check.ts";
import { modelChecks } from "../checks/index.ts";
import type { Command } from "../cli/run.ts";
import { UsageError } from "../cli/run.ts";
import { report } from "../cli/report.ts";
import { failing } from "../findings.ts";
import { normalise } from "../import/read.ts";
import { registered } from "../import/register.ts";
import { loadSdk } from "../import/sdk.ts";
import { faithfulness } from "../import/compare.ts";
import { translate, type Loss } from "../import/translate.ts";
import type { DashboardSource } from "../model/dashboard.ts";
import { isObject, str, type Json } from "../model/walk.ts";
import { compareDashboards } from "../review/dashboards.ts";
import { formatMarkdown } from "../review/markdown.ts";
import { parseInput } from "../sources/foreign.ts";
import { importSource, importWritten } from "../sources/import-source.ts";
import { loadSources } from "../sources/load.ts";
import { readText } from "../sources/read-text.ts";
import { loadStyle } from "../sources/style.ts";
import { commitSources, discardStaged, stageSource, type Staged } from "../write/sources.ts";

const options = {
  slug: {
    type: "string",
    description: "File name stem and uid of the dashboard (default: its uid, else its title).",
  },
  component: {
    type: "string",
    description:
      "The component (job) the dashboard shows, as in config/platform.ts (default: found from its job variable).",
  },
  force: {
    type: "boolean",
    description: "Overwrite dashboards/<slug>.ts when it exists (after showing what changes).",
  },
} as const;

const slugOf = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");

const say = (s: string) => process.stderr.write(`${s}\n`);

/** The component key a job or key names, or the one the dashboard's job variable filters on. */
function componentOf(
  components: Record<string, { job: string }>,
  given: string | undefined,
  d: Json,
): string | undefined {
  if (given !== undefined) {
    const key = Object.entries(components).find(([k, c]) => k === given || c.job === given)?.[0];
    if (!key) {
      throw new UsageError(
        `--component: no component "${given}" in config/platform.ts (jobs: ${Object.values(
          components,
        )
          .map((c) => c.job)
          .join(", ")})`,
      );
    }
    return key;
  }
  const vars = isObject(d.templating) && Array.isArray(d.templating.list) ? d.templating.list : [];
  const job = vars.find((v): v is Json => isObject(v) && v.name === "job");
  const m = /job="([^"]+)"/.exec(str(job?.query) ?? "");
  return m ? Object.entries(components).find(([, c]) => c.job === m[1])?.[0] : undefined;
}

async function importDashboard(
  cwd: string,
  file: string,
  values: { slug?: string; component?: string; force: boolean },
): Promise<number> {
  const read = readText(resolve(cwd, file));
  if ("problem" in read) throw new UsageError(`cannot read ${file}: ${read.problem}`);
  const parsed = parseInput(file, read.text);
  const fatal = failing(parsed.findings, false);
  if (fatal.length > 0 || parsed.dashboards.length !== 1) {
    report(parsed.findings, { format: "text", strict: false, command: "import" });
    say(
      parsed.dashboards.length > 1
        ? `import: ${file} holds ${parsed.dashboards.length} dashboards; export them one per file. Nothing was written.`
        : `import: ${file} holds no dashboard to import${parsed.skipped ? ` (${parsed.skipped})` : ""}. Nothing was written.`,
    );
    return 1;
  }
  const source = parsed.dashboards[0]!;
  const input = source.dashboard as unknown as Json;
  const style = await loadStyle(cwd);
  const slug = slugOf(values.slug ?? str(input.uid) ?? str(input.title) ?? source.slug);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) {
    throw new UsageError(`--slug: "${values.slug}" has no letter or digit to name a file with`);
  }
  const normalised = normalise(input, { prometheus: style.prometheusRef, loki: style.lokiRef });
  const component = componentOf(style.components, values.component, normalised.dashboard);
  const sdk = await loadSdk();
  const t = translate(normalised.dashboard, sdk, style, {
    slug,
    ...(component ? { component } : {}),
    pointerOf: normalised.pointerOf,
  });
  const target = join(cwd, "dashboards", `${slug}.ts`);
  const indexPath = join(cwd, "dashboards", "index.ts");
  const prettierOptions = { ...(await prettier.resolveConfig(target)), filepath: target };
  const text = await prettier.format(t.source, prettierOptions);
  const index = registered(readFileSync(indexPath, "utf8"), slug);
  if ("problem" in index) throw new UsageError(index.problem);
  const indexText = await prettier.format(index.text, { ...prettierOptions, filepath: indexPath });

  const staged: Staged[] = [stageSource(target, text)];
  let built: DashboardSource;
  try {
    built = (await importWritten(staged[0]!.temp)).default as DashboardSource;
    const where = (l: Loss) => {
      const p = parsed.locate([{ file, pointer: l.at }])[0];
      return `${file}${p ? `:${p.line}:${p.column}` : ""} ${p?.pointer ?? l.at}`;
    };
    const losses = [
      ...normalised.notes,
      ...t.losses,
      ...faithfulness(normalised.dashboard, built.dashboard as unknown as Json),
    ];
    for (const l of losses) say(`  ${where(l)}: ${l.message}`);
    if (existsSync(target)) {
      const before = (await importSource(target)).default as DashboardSource;
      const snap = (d: DashboardSource) => ({
        uid: d.slug,
        title: str((d.dashboard as unknown as Json).title) ?? d.slug,
        file: `dashboards/${slug}.ts`,
        dashboard: d.dashboard as unknown as Json,
      });
      const changes = compareDashboards([snap(before)], [snap(built)], []);
      say(
        changes.length === 0
          ? `dashboards/${slug}.ts exists and builds the same dashboard.`
          : `dashboards/${slug}.ts exists; the import changes it:\n${formatMarkdown({ dashboards: changes, rules: [], thresholds: [], metrics: [], outputs: [] })}`,
      );
      if (!values.force) {
        say(
          "Nothing was written. The import rewrites the whole file (what was written by hand in it is not kept): re-run with --force to overwrite it.",
        );
        discardStaged(staged);
        return 1;
      }
    }
    staged.push(stageSource(indexPath, indexText));
    const failed = commitSources(staged);
    if (failed) {
      say(
        `import: could not write dashboards/${slug}.ts and dashboards/index.ts (${failed}): nothing was written.`,
      );
      return 1;
    }
  } catch (e) {
    discardStaged(staged);
    throw e;
  }
  say(`Wrote dashboards/${slug}.ts and registered it in dashboards/index.ts.`);
  const loaded = await loadSources(cwd);
  const own = `dashboards/${slug}.ts`;
  // A bundled run (scripts/launch.mjs) holds the registry as it was when it started: the
  // model gets the dashboard just built in its place.
  const model = loaded.model && {
    ...loaded.model,
    dashboards: [...loaded.model.dashboards.filter((d) => d.slug !== slug), built],
  };
  const findings = [
    ...loaded.findings,
    ...(model ? runChecks(modelChecks, model, { settings: platformSettings(model.platform) }) : []),
  ].filter((f) => f.where.file === own);
  report(findings, { format: "text", strict: false, command: "import" });
  if (failing(findings, false).length > 0) {
    const unknown = findings.some((f) => f.rule === "promql/unknown-metric");
    say(
      `The build's checks fail on ${own}: fix it before \`npm run build\`.${unknown ? " Metrics missing from the catalogue: import them with `npm run catalogue -- import <exposition or Prometheus URL> --job <job>`." : ""}`,
    );
    return 1;
  }
  say(`The build's checks pass on ${own}: run \`npm run build\`, then \`npm run review\`.`);
  return 0;
}

export const importCommand: Command<typeof options> = {
  name: "import",
  summary:
    "Turn a dashboard exported from Grafana (JSON model, export for sharing, API response or resource) into dashboards/<slug>.ts, registered in dashboards/index.ts.",
  options,
  positionals: { name: "<dashboard.json>", min: 1 },
  run: ({ values, positionals, cwd }) => {
    if (positionals.length > 1) throw new UsageError("import one dashboard file at a time");
    return importDashboard(cwd, positionals[0]!, values);
  },
};
