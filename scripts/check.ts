/** npm run check -- <dashboard.json | rules.yml | folder>... [--strict] [--format text|json] */
import { runCommand } from "./engine/cli/run.ts";
import { checkCommand } from "./engine/commands/check.ts";

await runCommand(checkCommand);
