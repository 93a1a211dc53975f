/**
 * Prometheus' text exposition format and OpenMetrics, read into what a catalogue needs: the
 * metadata of each family (`# TYPE`, `# HELP`, `# UNIT`) and each series seen, with the label
 * values and how its samples moved (a file may hold many samples of a series, with timestamps,
 * as the synthetic exposition does). Memory grows with the series, not the samples.
 */
export interface FamilyMeta {
  type?: string;
  help?: string;
  unit?: string;
}

export interface SeriesSeen {
  name: string;
  labels: Record<string, string>;
  samples: number;
  last: number;
  /** Whether a later sample was ever lower (a counter never is), or higher. */
  decreased: boolean;
  increased: boolean;
}

export interface Exposition {
  /** By the name a `# TYPE`/`# HELP`/`# UNIT` line gives. */
  meta: Map<string, FamilyMeta>;
  series: Map<string, SeriesSeen>;
  /** Lines that could not be read, with why: reported, and skipped. */
  problems: { line: number; message: string }[];
}

const unescapeHelp = (s: string) =>
  s.replace(/\\(\\|n)/g, (_m, c: string) => (c === "n" ? "\n" : "\\"));

/** `name{a="x",b="y"} value [timestamp] [# exemplar]`, or undefined when the line is not one. */
function parseSample(
  line: string,
): { name: string; labels: Record<string, string>; value: number } | undefined {
  const head = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\s*/.exec(line);
  if (!head) return undefined;
  const name = head[1]!;
  let i = head[0].length;
  const labels: Record<string, string> = {};
  if (line[i] === "{") {
    i++;
    for (;;) {
      while (line[i] === " " || line[i] === ",") i++;
      if (line[i] === "}") {
        i++;
        break;
      }
      const label = /^([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"/.exec(line.slice(i));
      if (!label) return undefined;
      i += label[0].length;
      let value = "";
      for (; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === "\\") {
          i++;
          value += line[i] === "n" ? "\n" : (line[i] ?? "");
        } else value += line[i];
      }
      if (line[i] !== '"') return undefined;
      i++;
      labels[label[1]!] = value;
    }
  }
  const rest = line.slice(i).trim().split(/\s+/);
  const value = Number(rest[0] === "+Inf" ? Infinity : rest[0] === "-Inf" ? -Infinity : rest[0]);
  if (rest[0] === undefined || (Number.isNaN(value) && rest[0] !== "NaN")) return undefined;
  return { name, labels, value };
}

export function parseExposition(text: string): Exposition {
  const meta = new Map<string, FamilyMeta>();
  const series = new Map<string, SeriesSeen>();
  const problems: Exposition["problems"] = [];
  const lines = text.split("\n");
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.trim();
    if (line === "" || line === "# EOF") continue;
    if (line.startsWith("#")) {
      const m = /^#\s+(HELP|TYPE|UNIT)\s+([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\s+(.*))?$/.exec(line);
      if (!m) continue; // a comment
      const entry = meta.get(m[2]!) ?? {};
      const value = m[3] ?? "";
      if (m[1] === "HELP") entry.help = unescapeHelp(value);
      else if (m[1] === "TYPE") entry.type = value.trim();
      else entry.unit = value.trim();
      meta.set(m[2]!, entry);
      continue;
    }
    const sample = parseSample(line);
    if (!sample) {
      problems.push({ line: n + 1, message: `not a sample: ${line.slice(0, 80)}` });
      continue;
    }
    const key = `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort())}`;
    const seen = series.get(key);
    if (!seen) {
      series.set(key, {
        ...sample,
        samples: 1,
        last: sample.value,
        decreased: false,
        increased: false,
      });
      continue;
    }
    if (sample.value < seen.last) seen.decreased = true;
    if (sample.value > seen.last) seen.increased = true;
    seen.last = sample.value;
    seen.samples++;
  }
  return { meta, series, problems };
}
