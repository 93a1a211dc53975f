/** npm run import -- <dashboard.json> [--slug name] [--component job] [--force] */
import { runCommand } from "./engine/cli/run.ts";
import { importCommand } from "./engine/commands/import.ts";

await runCommand(importCommand);
