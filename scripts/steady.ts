/** npm run steady [-- --runs 50] [--minutes 10] [--suite test/prometheus] */
import { runCommand } from "./engine/cli/run.ts";
import { steadyCommand } from "./engine/commands/steady.ts";

await runCommand(steadyCommand);
