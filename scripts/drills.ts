/** npm run drills [-- <drill>...] [--rules <file>] [--strict] */
import { runCommand } from "./engine/cli/run.ts";
import { drillsCommand } from "./engine/commands/drills.ts";

await runCommand(drillsCommand);
