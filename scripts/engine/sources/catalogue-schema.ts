import { exporterIds, metricScopes, metricTypes, metricUnits } from "../model/catalogue.ts";

/**
 * JSON Schema of one metric of a catalogue file, checked with ajv one metric at a time, so one
 * broken metric hides neither the file's other problems nor its other metrics. Names starting
 * with `__` are Prometheus' own.
 */
export const catalogueMetricSchema = {
  type: "object",
  additionalProperties: false,
  required: ["name", "type", "unit", "help"],
  properties: {
    name: { type: "string", pattern: "^(?!__)[a-zA-Z_:][a-zA-Z0-9_:]*$" },
    type: { enum: [...metricTypes] },
    unit: { enum: [...metricUnits] },
    help: { type: "string", minLength: 1 },
    labels: {
      type: "object",
      propertyNames: { pattern: "^(?!__)[a-zA-Z_][a-zA-Z0-9_]*$" },
      additionalProperties: {
        type: "array",
        minItems: 1,
        uniqueItems: true,
        items: { type: "string" },
      },
    },
    buckets: { type: "array", minItems: 1, items: { type: "number" } },
    scope: { enum: [...metricScopes] },
    requires: { type: "string", minLength: 1 },
  },
} as const;

/** JSON Schema of a catalogue file (config/metrics/*.yaml) around its metrics. */
export const catalogueFileSchema = {
  type: "object",
  additionalProperties: false,
  required: ["component", "description", "jobs", "metrics"],
  properties: {
    component: { type: "string", minLength: 1 },
    description: { type: "string", minLength: 1 },
    jobs: { type: "array", minItems: 1, uniqueItems: true, items: { type: "string" } },
    exporter: {
      type: "object",
      additionalProperties: false,
      required: ["id", "name", "requirements"],
      properties: {
        id: { enum: [...exporterIds] },
        name: { type: "string", minLength: 1 },
        requirements: { type: "array", items: { type: "string", minLength: 1 } },
      },
    },
    targetLabels: {
      type: "array",
      uniqueItems: true,
      items: { type: "string", pattern: "^(?!__)[a-zA-Z_][a-zA-Z0-9_]*$" },
    },
    metrics: { type: "array", minItems: 1 },
  },
} as const;
