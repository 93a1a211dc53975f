/**
 * The value a rendered YAML file holds, read once per text. The output checks read the same
 * files (prometheus.yml for the job names and the cloud agents), and the watch renders every
 * file again on each rebuild, nearly always to the text it had: a dashboard's ConfigMap is
 * read again only when the dashboard changed. Kept for the last texts asked for; what it
 * gives is shared, so no caller may change it.
 */
import { parseDocument } from "yaml";

const kept = 200;
const values = new Map<string, { value: unknown }>();

/** What `text` holds as YAML; undefined when it does not parse. */
export function yamlValue(text: string): unknown {
  let hit = values.get(text);
  if (hit) {
    values.delete(text); // and set again below: the most recently asked for is kept longest
  } else {
    const doc = parseDocument(text);
    hit = { value: doc.errors.length > 0 ? undefined : doc.toJS() };
    if (values.size >= kept) values.delete(values.keys().next().value!);
  }
  values.set(text, hit);
  return hit.value;
}
