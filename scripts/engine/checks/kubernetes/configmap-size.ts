import { isObject, type Json } from "../../model/walk.ts";
import type { Where } from "../../findings.ts";
import type { Model } from "../../model/index.ts";
import { defineCheck, type Problem } from "../check.ts";
import { dashboardWhere } from "../../model/where.ts";
import { kubernetesDir } from "../../outputs.ts";
import { yamlValue } from "../yaml-value.ts";

/** Kubernetes' limit on all annotations of an object together (TotalAnnotationSizeLimitB). */
export const annotationLimit = 262_144;
export const lastAppliedKey = "kubectl.kubernetes.io/last-applied-configuration";

/**
 * kubectl writes the last-applied annotation with Go's JSON encoder: compact, `<`, `>`, `&`,
 * U+2028 and U+2029 escaped as \uXXXX, and a trailing newline.
 */
const goJson = (value: unknown): string =>
  JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  ) + "\n";

/** Bytes of an object's annotations once `kubectl apply` has added last-applied-configuration. */
export function appliedAnnotationBytes(object: Json): number {
  const metadata = isObject(object.metadata) ? object.metadata : {};
  const own = isObject(metadata.annotations) ? metadata.annotations : {};
  const bytes = (s: string) => Buffer.byteLength(s, "utf8");
  return Object.entries(own).reduce(
    (sum, [k, v]) => sum + bytes(k) + bytes(typeof v === "string" ? v : ""),
    bytes(lastAppliedKey) + bytes(goJson(object)),
  );
}

/** A dashboard ConfigMap's finding belongs to its dashboard; others to the manifest. */
function whereOf(model: Model, path: string, object: Json): Where {
  const data = isObject(object.data) ? Object.keys(object.data) : [];
  const d = model.dashboards.find((s) => data.includes(`${s.slug}.json`));
  return d ? dashboardWhere(d) : { file: path };
}

export const kubernetesConfigmapSize = defineCheck({
  id: "kubernetes/configmap-size",
  description: `Every manifest in ${kubernetesDir}/ (dashboard ConfigMaps above all) stays within the ${annotationLimit}-byte annotation limit \`kubectl apply\` runs into.`,
  severity: "error",
  scope: "files",
  check({ files }, { model }) {
    const problems: Problem[] = [];
    for (const [path, content] of files) {
      if (!path.startsWith(`${kubernetesDir}/`) || !path.endsWith(".yaml")) continue;
      const object = yamlValue(content);
      if (!isObject(object)) continue;
      const size = appliedAnnotationBytes(object);
      if (size <= annotationLimit) continue;
      const name = isObject(object.metadata) ? String(object.metadata.name) : path;
      const where = whereOf(model, path, object);
      const fix =
        where.dashboard !== undefined
          ? `split the dashboard in ${where.file}: move rows into a second dashboard`
          : "split what it holds over more than one object";
      problems.push({
        where,
        message:
          `${String(object.kind)} ${name} (${path}) is too big for \`kubectl apply\`: with the ${lastAppliedKey} annotation kubectl adds, its annotations come to ${size} bytes, over Kubernetes' limit of ${annotationLimit}, so the API server would reject it ("metadata.annotations: Too long").` +
          ` Make it at least ${size - annotationLimit} bytes smaller: ${fix}.`,
      });
    }
    return problems;
  },
});
