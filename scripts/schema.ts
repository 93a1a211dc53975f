/** npm run schema [-- --check] */
import { runCommand } from "./engine/cli/run.ts";
import { schemaCommand } from "./engine/schema/generate.ts";

await runCommand(schemaCommand);
