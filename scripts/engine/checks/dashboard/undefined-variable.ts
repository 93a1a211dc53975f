import type { DashboardSource } from "../../model/dashboard.ts";
import {
  asArray,
  isObject,
  panelsOf,
  str,
  targetsOf,
  variablesOf,
  type PanelRef,
} from "../../model/walk.ts";
import { intervalMacros, numericMacros, variableRefs } from "../../promql/variables.ts";
import { didYouMean } from "../../text/suggest.ts";
import { atPanel, defineCheck, type Problem } from "../check.ts";

/** Variables Grafana defines on every dashboard (global variables and interval macros). */
export const builtinVariables: ReadonlySet<string> = new Set([
  ...intervalMacros,
  ...numericMacros,
  "__from",
  "__to",
  "__timeFilter",
  "__timezone",
  "__dashboard",
  "__user",
  "__org",
  "__name",
  "__all_variables",
  "__url",
  "__url_time_range",
  "__datasource",
]);

interface Use {
  text: string;
  pointer: string;
  ref?: PanelRef;
  refId?: string;
  variable?: string;
}

/** Every text of a dashboard Grafana interpolates variables into, that this check covers. */
function uses(dashboard: unknown): Use[] {
  const out: Use[] = [];
  const datasource = (ds: unknown, pointer: string, extra: Omit<Use, "text" | "pointer">) => {
    const uid = isObject(ds) ? str(ds.uid) : str(ds);
    if (uid) out.push({ text: uid, pointer: isObject(ds) ? `${pointer}/uid` : pointer, ...extra });
  };
  for (const v of variablesOf(dashboard)) {
    const q = v.variable.query;
    const text = isObject(q) ? str(q.query) : str(q);
    const pointer = isObject(q) ? `${v.pointer}/query/query` : `${v.pointer}/query`;
    // A datasource variable's query is a plugin id and a custom one a list of values.
    if (text && v.variable.type === "query") out.push({ text, pointer, variable: v.name });
    datasource(v.variable.datasource, `${v.pointer}/datasource`, { variable: v.name });
  }
  for (const ref of panelsOf(dashboard)) {
    datasource(ref.panel.datasource, `${ref.pointer}/datasource`, { ref });
    for (const t of targetsOf(ref)) {
      if (t.expr) out.push({ text: t.expr, pointer: `${t.pointer}/expr`, ref, refId: t.refId });
      datasource(t.target.datasource, `${t.pointer}/datasource`, { ref, refId: t.refId });
    }
  }
  return out;
}

/** Placeholders of a dashboard exported "for sharing externally": Grafana's import fills them. */
const importInputs = (dashboard: unknown): Set<string> =>
  new Set(
    (isObject(dashboard) ? asArray(dashboard.__inputs) : []).flatMap((i) =>
      isObject(i) && str(i.name) ? [str(i.name)!] : [],
    ),
  );

function checkDashboard(d: DashboardSource): Problem[] {
  const defined = variablesOf(d.dashboard).map((v) => v.name);
  const inputs = importInputs(d.dashboard);
  // An interval variable `x` with "auto" also defines `$__auto_interval_x`.
  const known = new Set([
    ...defined,
    ...builtinVariables,
    ...defined.map((n) => `__auto_interval_${n}`),
  ]);
  // One problem per undefined name, at its first use: a missing variable is one fix.
  const found = new Map<string, { use: Use; text: string; count: number }>();
  for (const use of uses(d.dashboard)) {
    for (const ref of variableRefs(use.text)) {
      // `$1` is a regex group reference (label_replace), which Grafana leaves alone.
      if (/^\d+$/.test(ref.name) || known.has(ref.name)) continue;
      const seen = found.get(ref.name);
      if (seen) seen.count++;
      else found.set(ref.name, { use, text: use.text.slice(ref.start, ref.end), count: 1 });
    }
  }
  return [...found].map(([name, { use, text, count }]): Problem => {
    const input = inputs.has(name);
    const fix = input
      ? `"${name}" is an input of an export for sharing: Grafana's import UI fills it in, provisioning does not. Replace it with a datasource variable (add one to templating.list).`
      : `add "${name}" to templating.list${defined.length ? ` (defined: ${defined.join(", ")})` : ""}, or use a Grafana built-in.${didYouMean(name, known)}`;
    const at = use.ref ? atPanel(use.ref, use.pointer) : { pointer: use.pointer, where: {} };
    return {
      // An export for sharing works where it is meant to go (Grafana's import): a warning.
      ...(input ? { severity: "warning" as const } : {}),
      pointer: at.pointer,
      where: {
        ...at.where,
        ...(use.refId !== undefined ? { refId: use.refId } : {}),
        ...(use.variable !== undefined ? { variable: use.variable } : {}),
      },
      message: `Variable "${text}" is not defined on this dashboard${count > 1 ? ` (used ${count} times; the first is here)` : ""}: ${fix}`,
    };
  });
}

export const dashboardUndefinedVariable = defineCheck({
  id: "dashboard/undefined-variable",
  description:
    "Every $var, ${var} or [[var]] in a target's query, a variable's query or a datasource uid is a variable of the dashboard or a Grafana built-in ($__rate_interval, $__range, $__from, ...).",
  severity: "error",
  scope: "dashboard",
  check: ({ dashboard }) => checkDashboard(dashboard),
});
