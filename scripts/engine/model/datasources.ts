/**
 * Which query language a dashboard target is written in, from its datasource: the target's own
 * or its panel's, `{type, uid}` references, legacy datasource names, datasource variables (whose
 * `query` is the plugin id), export inputs (`${DS_PROMETHEUS}`, whose `pluginId` says it) and
 * Grafana's special datasources (`-- Mixed --`, `-- Dashboard --`, `-- Grafana --`). Where the
 * datasource says nothing (the default datasource, a name), the query itself decides.
 */
import { parseLogql } from "../logql/parse.ts";
import { parsePromql } from "../promql/parse.ts";
import { asArray, isObject, str, type Json } from "./walk.ts";

export type QueryLanguage = "promql" | "logql";

/** Grafana's own datasources, by uid or legacy name: none of them runs PromQL or LogQL. */
const specialDatasources: Record<string, string> = {
  "-- Mixed --": "mixed",
  "-- Dashboard --": "dashboard",
  "-- Grafana --": "grafana",
  grafana: "grafana",
};

/** Plugin ids that speak PromQL. */
export const promqlPlugins: ReadonlySet<string> = new Set([
  "prometheus",
  "grafana-amazonprometheus-datasource",
  "grafana-azureprometheus-datasource",
]);

const languageOf = (plugin: string): QueryLanguage | undefined =>
  promqlPlugins.has(plugin) ? "promql" : plugin === "loki" ? "logql" : undefined;

const variableName = /^\$\{?([A-Za-z0-9_]+)(?::[^}]*)?\}?$|^\[\[([A-Za-z0-9_]+)\]\]$/;

/** The variable a whole string refers to (`$ds`, `${ds}`, `${ds:text}`, `[[ds]]`), if it is one. */
export function variableNamed(text: string): string | undefined {
  const m = variableName.exec(text);
  return m ? (m[1] ?? m[2]) : undefined;
}

/**
 * The plugin id of a datasource reference, "mixed", "dashboard" or "grafana" for Grafana's own,
 * or undefined when the dashboard does not say (the default datasource, a datasource name).
 */
export function datasourcePlugin(dashboard: unknown, ds: unknown): string | undefined {
  const uid = isObject(ds) ? str(ds.uid) : str(ds);
  if (uid !== undefined && specialDatasources[uid]) return specialDatasources[uid];
  const type = isObject(ds) ? str(ds.type) : undefined;
  // `{type: "datasource"}` is how Grafana marks its own; the uid said which above.
  if (type !== undefined && type !== "datasource" && !variableName.test(type)) return type;
  const ref = uid && variableNamed(uid);
  if (!ref || !isObject(dashboard)) return undefined;
  const templating = isObject(dashboard.templating) ? asArray(dashboard.templating.list) : [];
  const variable = templating.find((v): v is Json => isObject(v) && v.name === ref);
  if (variable?.type === "datasource") return str(variable.query);
  const input = asArray(dashboard.__inputs).find((i): i is Json => isObject(i) && i.name === ref);
  return input ? str(input.pluginId) : undefined;
}

/** What a query that no datasource explains is written in: PromQL if it parses, else LogQL's if it does. */
function sniff(expr: string): QueryLanguage {
  if (parsePromql(expr).errors.length === 0) return "promql";
  return parseLogql(expr).errors.length === 0 ? "logql" : "promql";
}

/**
 * The language of a target, from the plugin of its datasource (or its panel's, see targetsOf):
 * undefined for datasources that run neither (Elasticsearch, Tempo, Grafana's own, ...); with
 * no datasource known, what its expression parses as.
 */
export function targetLanguage(
  plugin: string | undefined,
  expr: string,
): QueryLanguage | undefined {
  if (plugin !== undefined) return languageOf(plugin);
  return expr ? sniff(expr) : undefined;
}
