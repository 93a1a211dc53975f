/** npm run build [-- --check] [--strict] [--format text|json] */
import { runCommand } from "./engine/cli/run.ts";
import { buildCommand } from "./engine/commands/build.ts";

await runCommand(buildCommand);
