/**
 * The names Go text/template and Prometheus define for alert templates, as of Prometheus 2.42
 * (template/template.go; the promtool the build and tests run). A test runs each of them
 * through that promtool, so the table cannot claim a function it lacks.
 */
/** Go's builtin template functions. */
const goFunctions = [
  "and",
  "call",
  "eq",
  "ge",
  "gt",
  "html",
  "index",
  "js",
  "le",
  "len",
  "lt",
  "ne",
  "not",
  "or",
  "print",
  "printf",
  "println",
  "slice",
  "urlquery",
];

/** The functions Prometheus adds for alert templates. */
const prometheusFunctions = [
  "args",
  "externalURL",
  "first",
  "graphLink",
  "humanize",
  "humanize1024",
  "humanizeDuration",
  "humanizePercentage",
  "humanizeTimestamp",
  "label",
  "match",
  "parseDuration",
  "pathPrefix",
  "query",
  "reReplaceAll",
  "safeHtml",
  "sortByLabel",
  "stripDomain",
  "stripPort",
  "strvalue",
  "tableLink",
  "title",
  "toLower",
  "toTime",
  "toUpper",
  "value",
];

export const templateFunctions: ReadonlySet<string> = new Set([
  ...goFunctions,
  ...prometheusFunctions,
]);

/** Variables Prometheus defines before every alert template, and `$` (the data itself). */
export const templateVariables = ["$", "$labels", "$value", "$externalLabels", "$externalURL"];

/** Fields of the data an alert template runs on (`.Labels` is `$labels`, ...). */
export const dataFields = ["ExternalLabels", "ExternalURL", "Labels", "Value"];

export const keywords = new Set([
  "block",
  "break",
  "continue",
  "define",
  "else",
  "end",
  "if",
  "range",
  "template",
  "with",
]);
