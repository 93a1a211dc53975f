/**
 * Where in a source file a dashboard or a rule was defined, so findings (and CI annotations)
 * land on the line the author wrote rather than only on the generated JSON or YAML.
 */
import { sourcePosition, stackFrames } from "../text/bundled.ts";

export interface SourceSite {
  /** Repository-relative once the sources layer has loaded it; absolute as first captured. */
  file: string;
  line: number;
  column: number;
}

/** As captured: a position in the bundle when running as one, told back when it is read. */
const sites = new WeakMap<object, SourceSite>();

function callerOf(fn: Function): SourceSite | undefined {
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, fn);
  // Frame 0 is the function that called `fn` (defineDashboard, alert); frame 1 its caller.
  return stackFrames(holder.stack ?? "")[1];
}

/**
 * Remember where `value` was defined: the call site of the function that calls this (the
 * `alert({...})` in alerts/api-gateway.ts, not the line inside alert()). Returns `value`.
 */
export function defined<T extends object>(value: T): T {
  const site = callerOf(defined);
  if (site) sites.set(value, site);
  return value;
}

/**
 * Where `value` was defined, if it went through defined(). Told back to the source only now:
 * that reads the bundle's source map, which a command that reads no site never needs.
 */
export function siteOf(value: object): SourceSite | undefined {
  const site = sites.get(value);
  return site && sourcePosition(site);
}

/**
 * Give `value` the site of `from`, when it has one: a rule generated from a spec is found at
 * the spec (an SLO's rules at its entry in config/platform.ts). Returns `value`.
 */
export function definedAs<T extends object>(value: T, from: object): T {
  const site = sites.get(from);
  if (site) sites.set(value, site);
  return value;
}
