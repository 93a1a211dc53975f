/**
 * What a parsed document holds: the shapes dashboards and rule files come in. A rule file
 * (`groups:`), a PrometheusRule (any monitoring.coreos.com version: `spec.groups`), a Grafana
 * dashboard (v1 JSON, the HTTP API's `{dashboard, meta}`, a dashboard.grafana.app resource's
 * `spec`, or an object of named dashboards as mixins render them), a ConfigMap or a List of
 * them holding any of these as strings. Each comes with its path in the document.
 */
import { asArray, isObject, str, type Json } from "../model/walk.ts";
import type { Path } from "../text/locate.ts";

export type Shape =
  | { kind: "dashboard"; path: Path; data: Json; name?: string }
  | { kind: "rules"; path: Path; data: Json; wrapped: boolean }
  /** A string holding another document (a ConfigMap's data entry). */
  | { kind: "embedded"; path: Path; text: string; name: string }
  /** Something we know and do not check, and why. */
  | { kind: "unsupported"; path: Path; why: string; report: boolean };

export const looksLikeDashboard = (v: Json): boolean =>
  ["panels", "rows"].some((k) => Array.isArray(v[k])) ||
  (typeof v.title === "string" && ("templating" in v || "schemaVersion" in v || "uid" in v));

const isRuleFile = (v: Json): boolean =>
  "groups" in v && (v.groups === null || Array.isArray(v.groups));

/** Grafana's alerting provisioning files also have `groups:`, of rules with a `condition`. */
const isGrafanaAlerting = (v: Json): boolean =>
  v.apiVersion === 1 ||
  asArray(v.groups).some((g) => isObject(g) && ("folder" in g || "orgId" in g)) ||
  ["contactPoints", "policies", "templates", "muteTimes"].some((k) => k in v);

const dashboardResource = /^dashboard\.grafana\.app\/(v\d+)/;

/** The shapes inside one document (or string) at `path`. */
export function shapesOf(data: unknown, path: Path = []): Shape[] {
  if (!isObject(data)) return [];
  const kind = str(data.kind);
  const apiVersion = typeof data.apiVersion === "string" ? data.apiVersion : "";
  if (kind === "PrometheusRule" && apiVersion.startsWith("monitoring.coreos.com/")) {
    const spec = isObject(data.spec) ? data.spec : {};
    return [{ kind: "rules", path: [...path, "spec"], data: spec, wrapped: true }];
  }
  if (kind !== undefined && kind.endsWith("List") && Array.isArray(data.items)) {
    return data.items.flatMap((item, i) => shapesOf(item, [...path, "items", i]));
  }
  if (kind === "ConfigMap") {
    const entries = isObject(data.data) ? Object.entries(data.data) : [];
    return entries.flatMap(([name, text]): Shape[] =>
      typeof text === "string"
        ? [{ kind: "embedded", path: [...path, "data", name], text, name }]
        : [],
    );
  }
  const resource = dashboardResource.exec(apiVersion);
  if (kind === "Dashboard" && resource) {
    const version = resource[1]!;
    if (version.startsWith("v0") || version.startsWith("v1")) {
      return isObject(data.spec)
        ? [{ kind: "dashboard", path: [...path, "spec"], data: data.spec }]
        : [];
    }
    return [
      {
        kind: "unsupported",
        path,
        report: true,
        why: `A Grafana ${apiVersion} dashboard resource: its ${version} schema (elements and layouts instead of panels and gridPos) is not supported yet, since the checks read the v1 model. Export the dashboard as classic JSON (or apiVersion dashboard.grafana.app/v1beta1) to check it.`,
      },
    ];
  }
  if (isRuleFile(data)) {
    if (isGrafanaAlerting(data)) {
      return [
        {
          kind: "unsupported",
          path,
          report: false,
          why: "a Grafana alerting provisioning file (Grafana-managed rules), not a Prometheus rule file",
        },
      ];
    }
    return [{ kind: "rules", path, data, wrapped: false }];
  }
  // The HTTP API's shape, {dashboard, meta}, holds the dashboard one level down.
  if (isObject(data.dashboard) && !looksLikeDashboard(data) && looksLikeDashboard(data.dashboard)) {
    return [{ kind: "dashboard", path: [...path, "dashboard"], data: data.dashboard }];
  }
  if (looksLikeDashboard(data)) return [{ kind: "dashboard", path, data }];
  // A mixin's rendered grafanaDashboards: {"name.json": dashboard, ...}.
  const named = Object.entries(data);
  if (named.length > 0 && named.every(([, v]) => isObject(v) && looksLikeDashboard(v))) {
    return named.map(([name, v]) => ({
      kind: "dashboard",
      path: [...path, name],
      data: v as Json,
      name: name.replace(/\.json$/i, ""),
    }));
  }
  return [];
}
