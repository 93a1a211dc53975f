/**
 * The dashboard of an exported file, read as `npm run check` reads it (sources/foreign.ts: every
 * shape, old schemaVersions migrated) and normalised for this project, pure:
 * - `__inputs` resolved: a datasource input becomes the project's datasource variable, a
 *   constant input its value; `__elements` (library panels) inlined into the panels using them;
 * - every Prometheus datasource becomes `${datasource}`, every Loki one `${loki}` (the project's
 *   variables, dashboards/lib/datasources.ts); a hard-coded uid is reported; a panel or query
 *   without a datasource gets its panel's (Grafana's default: Prometheus here); the dashboard's
 *   own Prometheus and Loki datasource variables are dropped (the project's replace them);
 * - what Grafana keeps for itself is dropped: `__requires`, `id`, `version`, `iteration`, panel
 *   ids (laid out again), a row's datasource and targets, the built-in "Annotations & Alerts" (Grafana adds it back).
 */
import {
  datasourcePlugin,
  promqlPlugins,
  targetLanguage,
  variableNamed,
} from "../model/datasources.ts";
import { asArray, isObject, str, type Json } from "../model/walk.ts";
import type { Loss } from "./translate.ts";

export interface Normalised {
  dashboard: Json;
  /** Where a panel of `dashboard` was before normalising (pointer in the read dashboard). */
  pointerOf(panel: Json): string;
  notes: Loss[];
}

interface Refs {
  prometheus: { type: string; uid: string };
  loki: { type: string; uid: string };
}

export function normalise(read: Json, refs: Refs): Normalised {
  const notes: Loss[] = [];
  const pointers = new WeakMap<object, string>();
  const d = structuredClone(read);
  const panelsAt = (list: unknown, prefix: string) =>
    asArray(list).forEach((p, i) => {
      if (!isObject(p)) return;
      pointers.set(p, `${prefix}/${i}`);
      panelsAt(p.panels, `${prefix}/${i}/panels`);
    });
  panelsAt(d.panels, "/panels");

  // Datasource variables and inputs of Prometheus and Loki: replaced by the project's.
  const replaced = new Map<string, string>();
  const templating = isObject(d.templating) ? d.templating : undefined;
  const list = asArray(templating?.list).filter(isObject);
  const kept = list.filter((v) => {
    const plugin = v.type === "datasource" ? str(v.query) : undefined;
    const ours = plugin && (promqlPlugins.has(plugin) || plugin === "loki");
    if (ours)
      replaced.set(str(v.name) ?? "", plugin === "loki" ? refs.loki.uid : refs.prometheus.uid);
    return !ours;
  });
  for (const input of asArray(d.__inputs).filter(isObject)) {
    const name = str(input.name) ?? "";
    const plugin = str(input.pluginId) ?? "";
    if (input.type === "datasource" && (promqlPlugins.has(plugin) || plugin === "loki")) {
      replaced.set(name, plugin === "loki" ? refs.loki.uid : refs.prometheus.uid);
    } else if (input.type === "constant") {
      replaced.set(name, str(input.value) ?? "");
    } else if (input.type === "datasource") {
      notes.push({
        at: `/__inputs`,
        message: `input ${name} (a ${plugin} datasource) is not one of the project's: set its uid in the panels using it`,
      });
    }
  }
  if (templating) templating.list = kept;

  // Library panels exported with the dashboard (`__elements`): their model, in place.
  const elements = isObject(d.__elements) ? d.__elements : {};
  const inline = (p: Json): Json => {
    const lib = isObject(p.libraryPanel) ? p.libraryPanel : undefined;
    const element =
      lib && isObject(elements[str(lib.uid) ?? ""]) ? (elements[str(lib.uid)!] as Json) : undefined;
    if (!element || !isObject(element.model)) {
      if (lib) {
        notes.push({
          at: pointers.get(p) ?? "",
          message: `library panel "${str(lib.name) ?? str(lib.uid)}" is referenced but not in the export (export with "Export for sharing externally"): kept as a reference`,
        });
      }
      return p;
    }
    notes.push({
      at: pointers.get(p) ?? "",
      message: `library panel "${str(lib!.name) ?? str(lib!.uid)}" inlined: the source owns its copy now`,
    });
    const out: Json = { ...element.model, gridPos: p.gridPos };
    pointers.set(out, pointers.get(p) ?? "");
    return out;
  };
  d.panels = asArray(d.panels).map((p) =>
    isObject(p)
      ? {
          ...inline(p),
          ...(isObject(p.panels) || Array.isArray(p.panels)
            ? { panels: asArray(p.panels).map((c) => (isObject(c) ? inline(c) : c)) }
            : {}),
        }
      : p,
  );
  // Spreading made new objects: carry their pointers over.
  asArray(read.panels).forEach((_p, i) => {
    const np = asArray(d.panels)[i];
    if (isObject(np)) {
      pointers.set(np, `/panels/${i}`);
      asArray(np.panels).forEach(
        (c, j) => isObject(c) && !pointers.has(c) && pointers.set(c, `/panels/${i}/panels/${j}`),
      );
    }
  });

  // `${DS_PROMETHEUS}` and friends in every string: the project's variable or the constant.
  const substitute = (s: string) =>
    s.replace(/\$\{(\w+)(?::\w+)?\}|\$(\w+)|\[\[(\w+)\]\]/g, (m, a, b, c) => {
      const name = (a ?? b ?? c) as string;
      return replaced.get(name) ?? m;
    });
  const visit = (v: unknown): unknown => {
    if (typeof v === "string") return substitute(v);
    if (Array.isArray(v)) return v.map(visit);
    if (!isObject(v)) return v;
    const out: Json = {};
    for (const [k, x] of Object.entries(v)) out[k] = visit(x);
    if (pointers.has(v)) pointers.set(out, pointers.get(v)!);
    return out;
  };
  const resolved = visit(d) as Json;

  // Datasources: the project's variables; hard-coded uids reported.
  const refOf = (ds: unknown, at: string, fallback?: Json): unknown => {
    const uid = isObject(ds) ? str(ds.uid) : str(ds);
    // An input already resolved to the project's variable (`"${DS_PROMETHEUS}"` as a string).
    const ours = [refs.prometheus, refs.loki].find((r) => r.uid === uid);
    const plugin = ours ? ours.type : datasourcePlugin(resolved, ds);
    const target =
      plugin === "loki"
        ? refs.loki
        : plugin && promqlPlugins.has(plugin)
          ? refs.prometheus
          : undefined;
    if (!target) return ds ?? fallback;
    if (uid !== undefined && uid !== target.uid && variableNamed(uid) === undefined) {
      notes.push({
        at,
        message: `hard-coded ${plugin} datasource uid "${uid}": now ${target.uid}, the project's datasource variable`,
      });
    }
    return { ...target };
  };
  const fixPanel = (p: Json) => {
    const at = pointers.get(p) ?? "";
    const targets = asArray(p.targets).filter(isObject);
    if (p.datasource === undefined || p.datasource === null) {
      const langs = targets.map((t) =>
        targetLanguage(datasourcePlugin(resolved, t.datasource), str(t.expr) ?? ""),
      );
      if (targets.length > 0 && langs.every((l) => l === langs[0]) && langs[0] !== undefined) {
        p.datasource = { ...(langs[0] === "logql" ? refs.loki : refs.prometheus) };
      }
    } else p.datasource = refOf(p.datasource, `${at}/datasource`);
    targets.forEach((t, i) => {
      t.datasource =
        t.datasource === undefined || t.datasource === null
          ? p.datasource
          : refOf(t.datasource, `${at}/targets/${i}/datasource`);
      if (t.datasource === undefined) delete t.datasource;
    });
    delete p.id;
  };
  for (const p of asArray(resolved.panels).filter(isObject)) {
    if (p.type === "row") {
      // A row runs no query: what Grafana left on it is dropped.
      delete p.datasource;
      delete p.targets;
    } else fixPanel(p);
    asArray(p.panels).filter(isObject).forEach(fixPanel);
  }
  const vars = isObject(resolved.templating)
    ? asArray(resolved.templating.list).filter(isObject)
    : [];
  vars.forEach((v, i) => {
    if (v.datasource !== undefined && v.datasource !== null) {
      v.datasource = refOf(v.datasource, `/templating/list/${i}/datasource`);
    }
  });
  const annotations = isObject(resolved.annotations) ? asArray(resolved.annotations.list) : [];
  const own = annotations.filter((a) => !(isObject(a) && a.builtIn === 1));
  if (isObject(resolved.annotations)) {
    if (own.length === 0) delete resolved.annotations;
    else resolved.annotations = { ...resolved.annotations, list: own };
  }
  for (const k of ["__inputs", "__requires", "__elements", "id", "version", "iteration"])
    delete resolved[k];
  return {
    dashboard: resolved,
    pointerOf: (p) => pointers.get(p) ?? "",
    notes,
  };
}
