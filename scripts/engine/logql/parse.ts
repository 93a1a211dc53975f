import { parser } from "@grafana/lezer-logql";
import { parsesKept, parseWith } from "../promql/parse.ts";
import { memoByText } from "../text/memo.ts";

/** Parse LogQL with Grafana's lezer grammar (@grafana/lezer-logql), variables substituted. */
export const parseLogql = memoByText((source) => parseWith(parser, source), parsesKept);
