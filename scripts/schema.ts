/** npm run schema [-- --check] */
import { runCommand } from "./engine/cli/run.ts";
import { schemaCommand } from "./engine/commands/schema.ts";

await runCommand(schemaCommand);
