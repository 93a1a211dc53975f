/**
 * Log lines for the pictures' logs panels. There is no Loki to run LogQL against, so the logs
 * panel shows sample lines shaped like the platform's structured JSON logs, and a log volume
 * panel counts lines per level: seeded by the job, the same on every run.
 */
import { hashSeed, random } from "../prometheus/synthetic/random.ts";
import type { Window } from "../prometheus/smoke.ts";
import type { Series } from "./data.ts";

export interface LogLine {
  /** Unix seconds. */
  time: number;
  level: string;
  line: string;
}

const levels = ["info", "info", "info", "info", "debug", "warn", "error"] as const;
const messages: Record<string, string[]> = {
  debug: ["cache lookup", "config reloaded"],
  info: ["request handled", "batch processed", "connection opened"],
  warn: ["slow downstream response", "retrying request"],
  error: ["downstream request failed", "message rejected"],
};

/** Newest first, like the dashboards' logs panels. */
export function sampleLogLines(job: string, w: Window, count = 24): LogLine[] {
  const rnd = random(hashSeed(`logs:${job}`));
  const lines: LogLine[] = [];
  let time = w.end;
  for (let i = 0; i < count; i++) {
    time -= Math.round(30 + rnd() * 400);
    const level = levels[Math.floor(rnd() * levels.length)]!;
    const pool = messages[level]!;
    const msg = pool[Math.floor(rnd() * pool.length)]!;
    const ms = Math.round(5 + rnd() * 900);
    lines.push({ time, level, line: JSON.stringify({ level, job, msg, duration_ms: ms }) });
  }
  return lines;
}

/**
 * Lines per level on the panel's time axis: one series per level when the legend splits by
 * level (`{{level}}`), otherwise one series named by the legend (the unparsed lines).
 */
export function sampleLogVolume(
  job: string,
  legend: string | undefined,
  times: number[],
): Series[] {
  const byLevel = legend?.includes("{{level}}") ?? false;
  const names = byLevel ? ["debug", "info", "warn", "error"] : [legend || "lines"];
  return names.map((name) => {
    const rnd = random(hashSeed(`volume:${job}:${name}`));
    const scale = name === "info" ? 40 : name === "debug" ? 12 : byLevel ? 4 : 1;
    return { name, values: times.map(() => Math.round(rnd() * scale)) };
  });
}
