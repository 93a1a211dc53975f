import type { Finding } from "../findings.ts";
import type { Files, Model } from "../model/index.ts";

/**
 * A check is a pure function from the model (and, for output checks, the rendered files) to
 * findings. One check per file, named after its id: checks/<group>/<name>.ts is `group/name`.
 */
export interface Check {
  id: string;
  /** One line for the README and `--list`. */
  description: string;
  run(input: { model: Model; files?: Files }): Finding[];
}
