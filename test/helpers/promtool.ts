import { runTool, type ToolRun } from "../../scripts/engine/promtool/run.ts";

export {
  promtool,
  runTool,
  type ToolRun as PromtoolRun,
} from "../../scripts/engine/promtool/run.ts";

export const amtool = (args: string[], cwd?: string): Promise<ToolRun> =>
  runTool("amtool", args, cwd);
