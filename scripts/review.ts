/** npm run review [-- --base <git-ref>] [--format markdown|json] */
import { runCommand } from "./engine/cli/run.ts";
import { reviewCommand } from "./engine/commands/review.ts";

await runCommand(reviewCommand);
