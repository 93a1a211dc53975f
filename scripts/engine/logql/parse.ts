import { parser } from "@grafana/lezer-logql";
import { parseWith, type ParsedQuery } from "../promql/parse.ts";

const cache = new Map<string, ParsedQuery>();

/** Parse LogQL with Grafana's lezer grammar (@grafana/lezer-logql), variables substituted. */
export const parseLogql = (source: string): ParsedQuery => parseWith(parser, cache, source);
