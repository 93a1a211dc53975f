/** npm run catalogue -- import <exposition.txt | URL of a Prometheus> [--job <job>]... [--out <file>] */
import { runCommand } from "./engine/cli/run.ts";
import { catalogueCommand } from "./engine/commands/catalogue.ts";

await runCommand(catalogueCommand);
