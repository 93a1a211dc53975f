/**
 * The one runner every command goes through: options parsed per command with node:util
 * parseArgs (unknown options and stray arguments are usage errors), `--help`, and exit codes
 * 0 (passed), 1 (a check failed) and 2 (usage error, or a bug of ours, printed as such).
 */
import { parseArgs } from "node:util";
import { sourceStack } from "../text/bundled.ts";

export interface OptionSpec {
  type: "boolean" | "string";
  description: string;
  /** For string options: the values it accepts. */
  choices?: readonly string[];
  default?: string | boolean;
  multiple?: boolean;
}

export type Options = Record<string, OptionSpec>;

type ValueOf<S extends OptionSpec> = S["type"] extends "boolean"
  ? boolean
  : S["multiple"] extends true
    ? string[]
    : S extends { choices: readonly (infer C)[] }
      ? S extends { default: string }
        ? C
        : C | undefined
      : S extends { default: string }
        ? string
        : string | undefined;

/** What parseArgs makes of an option table: booleans, strings, and lists for `multiple`. */
export type Values<O extends Options> = { [K in keyof O]: ValueOf<O[K]> };

export interface Command<O extends Options> {
  /** `npm run <name>`. */
  name: string;
  summary: string;
  options: O;
  /** Positional arguments, for the usage line; none allowed when absent. */
  positionals?: { name: string; min: number };
  run(args: { values: Values<O>; positionals: string[]; cwd: string }): number | Promise<number>;
}

export class UsageError extends Error {}

const helpOption: OptionSpec = { type: "boolean", description: "Print this help." };

export function usage<O extends Options>(cmd: Command<O>): string {
  const opts = Object.entries({ ...cmd.options, help: helpOption });
  const rows = opts.map(([name, o]) => {
    const value = o.type === "string" ? ` <${o.choices ? o.choices.join("|") : "value"}>` : "";
    const dflt = o.default !== undefined && o.default !== false ? ` (default ${o.default})` : "";
    return [`  --${name}${value}`, `${o.description}${o.multiple ? " Repeatable." : ""}${dflt}`];
  });
  const width = Math.max(...rows.map(([l]) => l!.length)) + 2;
  const pos = cmd.positionals ? ` ${cmd.positionals.name}...` : "";
  return [
    `Usage: npm run ${cmd.name} --${pos} [options]`,
    "",
    cmd.summary,
    "",
    "Options:",
    ...rows.map(([l, r]) => `${l!.padEnd(width)}${r}`),
    "",
  ].join("\n");
}

/** Parse `argv` for `cmd`; a UsageError says what is wrong. */
export function parseCommandArgs<O extends Options>(
  cmd: Command<O>,
  argv: string[],
): { values: Values<O>; positionals: string[]; help: boolean } {
  const config = Object.fromEntries(
    Object.entries({ ...cmd.options, help: helpOption }).map(([name, o]) => [
      name,
      {
        type: o.type,
        ...(o.multiple ? { multiple: true } : {}),
        ...(o.default !== undefined ? { default: o.default } : {}),
      },
    ]),
  );
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: config, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const values = parsed.values as Record<string, unknown>;
  for (const [name, o] of Object.entries(cmd.options)) {
    const v = values[name];
    const given = Array.isArray(v) ? v : v === undefined ? [] : [v];
    for (const one of given) {
      if (o.choices && !o.choices.includes(String(one))) {
        throw new UsageError(`--${name} takes ${o.choices.join(" or ")}, not "${String(one)}"`);
      }
    }
    if (o.type === "boolean" && v === undefined) values[name] = false;
    if (o.multiple && v === undefined) values[name] = [];
  }
  const help = values.help === true;
  delete values.help;
  if (!help && !cmd.positionals && parsed.positionals.length > 0) {
    throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
  }
  if (!help && cmd.positionals && parsed.positionals.length < cmd.positionals.min) {
    throw new UsageError(`name at least ${cmd.positionals.min} ${cmd.positionals.name}`);
  }
  return { values: values as Values<O>, positionals: parsed.positionals, help };
}

/** Run `cmd` on `argv` in `cwd`: its exit code; what it prints goes to stdout and stderr. */
export async function runCommandIn<O extends Options>(
  cmd: Command<O>,
  argv: string[],
  cwd: string,
): Promise<number> {
  try {
    const { values, positionals, help } = parseCommandArgs(cmd, argv);
    if (help) {
      process.stdout.write(usage(cmd));
      return 0;
    }
    return await cmd.run({ values, positionals, cwd });
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${cmd.name}: ${e.message}\n\n${usage(cmd)}`);
    } else {
      // Everything a user can cause is a finding; reaching here is a bug of ours.
      const detail = e instanceof Error && e.stack ? sourceStack(e.stack) : String(e);
      process.stderr.write(`${cmd.name}: internal error, please report it:\n${detail}\n`);
    }
    return 2;
  }
}

/** Run `cmd` on the process' arguments and set the exit code. */
export async function runCommand<O extends Options>(
  cmd: Command<O>,
  argv = process.argv.slice(2),
): Promise<void> {
  process.exitCode = await runCommandIn(cmd, argv, process.cwd());
}
