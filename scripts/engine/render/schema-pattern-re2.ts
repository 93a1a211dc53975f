/**
 * The RE2 that kubernetes-models' compiled validators build for a schema `pattern` (their
 * runtime/re2 module: `new RE2(pattern, "u")`, then `test`), on re2js, the RE2 port the engine
 * already runs PromQL regexes on. The package's own is re2-wasm, which compiles WebAssembly and
 * reserves 16 MiB at every start for the one pattern our manifests meet (a PrometheusRule
 * group's `partial_response_strategy`). scripts/launch.mjs bundles this module in its place.
 */
import { RE2JS } from "re2js";

export default class RE2 {
  readonly #re: RE2JS;

  constructor(pattern: string) {
    this.#re = RE2JS.compile(pattern);
  }

  /** Whether the pattern matches anywhere in `value`, as RegExp#test. */
  test(value: string): boolean {
    return this.#re.test(value);
  }
}
