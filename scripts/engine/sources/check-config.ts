/**
 * The config file of `npm run check`, `.monitoring-check.yaml`, found upward from each checked
 * file (the nearest wins) or given with --config: the profile, the Prometheus the files run on,
 * catalogues, per-rule severities and disabled rules, each with a reason and optional path
 * globs (relative to the file's folder). Problems in it are findings (`check/config`).
 */
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import picomatch from "picomatch";
import { findingSeverities, type Finding, type Severity } from "../findings.ts";
import { profileNames, type ProfileName } from "../model/profiles.ts";
import { paramsInWords } from "../schema/errors.ts";
import { engineSchema, engineValidator } from "../schema/precompiled.ts";
import { pointerPath, positionOf } from "../text/locate.ts";
import { readText } from "./read-text.ts";
import { readYamlDocument } from "./yaml-document.ts";

export const configNames = [".monitoring-check.yaml", ".monitoring-check.yml"];

export interface DisableEntry {
  rule: string;
  reason: string;
  /** Globs of the files it covers, relative to the config's folder; none: every file. */
  paths: string[];
  line: number;
}

export interface CheckConfig {
  /** Path of the file, as shown in findings. */
  file: string;
  /** Absolute folder the paths in it are relative to. */
  dir: string;
  profile?: ProfileName;
  prometheusVersion?: string;
  scrapeInterval?: string;
  /** Absolute paths of catalogue files or folders. */
  catalogues?: string[];
  severity: Record<string, Severity>;
  disable: DisableEntry[];
  /** Whether a checked file (absolute path) is one `entry` covers. */
  covers(entry: DisableEntry, abs: string): boolean;
}

const duration = "^[0-9]+(ms|s|m|h|d|w|y)$";

const schema = {
  type: "object",
  additionalProperties: false,
  properties: {
    profile: { enum: [...profileNames] },
    prometheus: {
      type: "object",
      additionalProperties: false,
      properties: {
        version: { type: "string", pattern: "^[0-9]+\\.[0-9]+(\\.[0-9]+)?$" },
        scrapeInterval: { type: "string", pattern: duration },
      },
    },
    catalogues: { type: "array", items: { type: "string", minLength: 1 } },
    severity: {
      type: "object",
      propertyNames: { pattern: "^[a-z]+/[a-z-]+$" },
      additionalProperties: { enum: [...findingSeverities] },
    },
    disable: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["rule"],
        properties: {
          rule: { type: "string" },
          reason: { type: "string" },
          paths: { type: "array", items: { type: "string", minLength: 1 } },
        },
      },
    },
  },
} as const;

/** The config file's schema, precompiled by `npm run schema`. */
export const checkConfigPrecompiled = engineSchema("check-config", schema);
const validate = engineValidator(checkConfigPrecompiled);

interface Raw {
  profile?: ProfileName;
  prometheus?: { version?: string; scrapeInterval?: string };
  catalogues?: string[];
  severity?: Record<string, Severity>;
  disable?: { rule: string; reason?: string; paths?: string[] }[];
}

/** Parse one config file; `file` is its path as shown, `abs` where it is. */
export function parseCheckConfig(
  file: string,
  abs: string,
  text: string,
): { config?: CheckConfig; findings: Finding[] } {
  const fail = (line: number, column: number | undefined, message: string): Finding => ({
    rule: "check/config",
    severity: "fatal",
    where: { file, line, ...(column ? { column } : {}) },
    message: `${message} Fix the config file; no file it applies to was checked.`,
  });
  const { located, data: read, problems } = readYamlDocument(text);
  if (!located || problems.length > 0) {
    return { findings: problems.map((p) => fail(p.line, p.column, p.message)) };
  }
  const raw: unknown = read ?? {};
  if (!validate(raw)) {
    return {
      findings: (validate.errors ?? []).map((e) => {
        const at = positionOf(located, pointerPath(e.instancePath));
        return fail(
          at?.line ?? 1,
          at?.column,
          `${e.instancePath || "config"} ${e.message}${paramsInWords(e)}.`,
        );
      }),
    };
  }
  const data = raw as Raw;
  const dir = dirname(abs);
  const matchers = new Map<DisableEntry, (path: string) => boolean>();
  const disable = (data.disable ?? []).map((d, i): DisableEntry => {
    const entry = {
      rule: d.rule,
      reason: d.reason ?? "",
      paths: d.paths ?? [],
      line: positionOf(located, ["disable", i])?.line ?? 1,
    };
    if (entry.paths.length > 0) matchers.set(entry, picomatch(entry.paths, { dot: true }));
    return entry;
  });
  return {
    findings: [],
    config: {
      file,
      dir,
      ...(data.profile ? { profile: data.profile } : {}),
      ...(data.prometheus?.version ? { prometheusVersion: data.prometheus.version } : {}),
      ...(data.prometheus?.scrapeInterval
        ? { scrapeInterval: data.prometheus.scrapeInterval }
        : {}),
      ...(data.catalogues ? { catalogues: data.catalogues.map((c) => resolve(dir, c)) } : {}),
      severity: data.severity ?? {},
      disable,
      covers(entry, path) {
        const match = matchers.get(entry);
        const rel = relative(dir, path).split("\\").join("/");
        if (rel.startsWith("../")) return false;
        return match ? match(rel) : true;
      },
    },
  };
}

/** The nearest config file in the folder of `abs` or above it, if any. */
export function findCheckConfig(abs: string): string | undefined {
  for (let dir = dirname(abs); ; dir = dirname(dir)) {
    const found = configNames.map((n) => join(dir, n)).find((p) => existsSync(p));
    if (found) return found;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Read and parse a config file; unreadable is a finding too. */
export function loadCheckConfig(
  file: string,
  abs: string,
): { config?: CheckConfig; findings: Finding[] } {
  const read = readText(abs);
  if ("problem" in read) {
    return {
      findings: [
        {
          rule: "check/config",
          severity: "fatal",
          where: { file },
          message: `Cannot read the config file (${read.problem}).`,
        },
      ],
    };
  }
  return parseCheckConfig(file, abs, read.text);
}
