/**
 * A query as this project writes it: the parts that are exactly what `sumRate`, `quantile` or
 * `quantiles` (dashboards/lib/promql.ts) make become those calls, and the selectors of
 * dashboards/lib/variables.ts and config/platform.ts are named. Every call is checked by
 * running it: a part is named only when the function gives back exactly its text.
 */
import { literal } from "./builders.ts";
import type { Style } from "./style.ts";

/** The names a generated module imports for what the code calls. */
export type Uses = Set<"sumRate" | "quantile" | "quantiles" | "jobInstance" | "selectors">;

/** A string as a template literal's text (backticks, backslashes and `${` escaped). */
const templateText = (s: string) => s.replace(/[`\\]|\$\{/g, (m) => `\\${m}`);

/** A selector's matchers in code: jobInstance and the platform's selectors named. */
function selectorCode(sel: string, style: Style, uses: Uses): string {
  const named: [string, string][] = [
    [style.jobInstance, "jobInstance"],
    ...Object.entries(style.selectors).map(([k, v]): [string, string] => [v, `selectors.${k}`]),
  ];
  const whole = named.find(([text]) => text === sel);
  if (whole) {
    uses.add(whole[1] === "jobInstance" ? "jobInstance" : "selectors");
    return whole[1];
  }
  const text = namedIn(sel, named, uses);
  return text === templateText(sel) ? literal(sel) : `\`${text}\``;
}

/** Template text of `s` with each named fragment as `${name}`. */
function namedIn(s: string, named: [string, string][], uses: Uses): string {
  let out = "";
  let i = 0;
  while (i < s.length) {
    const hit = named.find(([text]) => text.length > 0 && s.startsWith(text, i));
    if (hit) {
      uses.add(hit[1] === "jobInstance" ? "jobInstance" : "selectors");
      out += `\${${hit[1]}}`;
      i += hit[0].length;
    } else {
      out += templateText(s[i]!);
      i += 1;
    }
  }
  return out;
}

const byList = (by: string[]) => (by.length > 0 ? `, ${literal(by)}` : "");

const sumRatePattern =
  /(?:histogram_quantile\((0\.\d+|1), )?(sum(?: by \(([\w, ]*)\) )?\(rate\(([A-Za-z_:][\w:]*)\{([^{}]*)\}\[\$__rate_interval\]\)\))(\))?/g;

/** One query in code. */
export function exprCode(expr: string, style: Style, uses: Uses): string {
  const pieces: string[] = [];
  let last = 0;
  for (const m of expr.matchAll(sumRatePattern)) {
    const [text, q, , byText, metric, sel, close] = m;
    const by = byText ? byText.split(", ") : [];
    let call: string | undefined;
    let length = text.length;
    if (q && close && by[0] === "le" && metric!.endsWith("_bucket")) {
      const histogram = metric!.slice(0, -"_bucket".length);
      if (style.quantile(Number(q), histogram, sel!, by.slice(1)) === text) {
        uses.add("quantile");
        call = `quantile(${q}, ${literal(histogram)}, ${selectorCode(sel!, style, uses)}${byList(by.slice(1))})`;
      }
    }
    let start = m.index;
    if (!call) {
      // Only the sum(rate(...)) inside is ours.
      const inner = m[2]!;
      start = m.index + text.indexOf(inner);
      length = inner.length;
      if (style.sumRate(metric!, sel!, by) !== inner) continue;
      uses.add("sumRate");
      call = `sumRate(${literal(metric)}, ${selectorCode(sel!, style, uses)}${byList(by)})`;
    }
    pieces.push(templateTextNamed(expr.slice(last, start), style, uses), `\${${call}}`);
    last = start + length;
  }
  pieces.push(templateTextNamed(expr.slice(last), style, uses));
  const body = pieces.join("");
  const whole = /^\$\{([^`]*)\}$/.exec(body);
  if (whole && !whole[1]!.includes("${")) return whole[1]!;
  return body === templateText(expr) ? literal(expr) : `\`${body}\``;
}

function templateTextNamed(s: string, style: Style, uses: Uses): string {
  const named: [string, string][] = [[style.jobInstance, "jobInstance"]];
  return namedIn(s, named, uses);
}

/** A panel's queries in code: `quantiles(...)` when they are exactly what it makes. */
export function queriesCode(
  queries: { expr: string; legend?: string; format?: string }[],
  style: Style,
  uses: Uses,
): string {
  const q = queries[0];
  const m =
    q &&
    /^histogram_quantile\(0\.5, sum by \(le((?:, \w+)*)\) \(rate\(([A-Za-z_:][\w:]*)_bucket\{([^{}]*)\}/.exec(
      q.expr,
    );
  if (m) {
    const by = m[1] ? m[1].slice(2).split(", ") : [];
    const made = style.quantiles(m[2]!, m[3]!, by);
    if (JSON.stringify(made) === JSON.stringify(queries)) {
      uses.add("quantiles");
      return `quantiles(${literal(m[2])}, ${selectorCode(m[3]!, style, uses)}${byList(by)})`;
    }
  }
  const items = queries.map((x) => {
    const legend = x.legend === undefined ? "" : `, legend: ${literal(x.legend)}`;
    const format = x.format === undefined ? "" : `, format: ${literal(x.format)}`;
    return `{ expr: ${exprCode(x.expr, style, uses)}${legend}${format} }`;
  });
  return `[${items.join(", ")}]`;
}
