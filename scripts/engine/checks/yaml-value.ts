/**
 * The value a rendered YAML file holds, read once per text. The output checks read the same
 * files (prometheus.yml for the job names and the cloud agents), and the watch renders every
 * file again on each rebuild, nearly always to the text it had: a dashboard's ConfigMap is
 * read again only when the dashboard changed.
 */
import { parseDocument } from "yaml";
import { memoByText } from "../text/memo.ts";

/** What `text` holds as YAML; undefined when it does not parse. */
export const yamlValue = memoByText((text): unknown => {
  const doc = parseDocument(text);
  return doc.errors.length > 0 ? undefined : doc.toJS();
}, 200);
