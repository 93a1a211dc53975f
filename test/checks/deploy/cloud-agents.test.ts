import { parse, stringify } from "yaml";
import { deployCloudAgents } from "../../../scripts/engine/checks/deploy/cloud-agents.ts";
import { renderAll } from "../../../scripts/engine/render/index.ts";
import { repoModel } from "../../helpers/fixture-model.ts";
import { checkTable } from "../../helpers/check-table.ts";
import {
  cloudwatchAgentConfigPath,
  cloudwatchPrometheusConfigPath,
  opsAgentConfigPath,
} from "../../../scripts/engine/outputs.ts";

const model = await repoModel();
const files = renderAll(model).files;

/** The rendered files with one of them edited, as a hand edit or a renderer bug would. */
function edited(path: string, edit: (doc: Record<string, any>) => void, json = false) {
  const doc = json ? JSON.parse(files.get(path)!) : parse(files.get(path)!);
  edit(doc);
  return { model, files: new Map([...files, [path, json ? JSON.stringify(doc) : stringify(doc)]]) };
}
const extraJob = { job_name: "batch", static_configs: [{ targets: ["localhost:9999"] }] };
const opsScrapes = (doc: Record<string, any>) =>
  doc.metrics.receivers.prometheus.config.scrape_configs;

checkTable(deployCloudAgents, [
  { name: "this repository's cloud configs", model, files, expect: [] },
  {
    name: "a job added to the CloudWatch agent's scrape config only",
    ...edited(cloudwatchPrometheusConfigPath, (doc) => doc.scrape_configs.push(extraJob)),
    expect: [
      {
        where: { file: cloudwatchPrometheusConfigPath },
        message: /scrapes jobs .*batch.* \(missing: none; extra: batch; twice: none\)/,
      },
    ],
  },
  {
    name: "a job added to one Ops Agent config only",
    ...edited(opsAgentConfigPath("api-service"), (doc) => opsScrapes(doc).push(extraJob)),
    expect: [{ where: { file: "config/cloud/gcp" }, message: "extra: batch" }],
  },
  {
    name: "a job on two VMs",
    ...edited(opsAgentConfigPath("api-service"), (doc) =>
      opsScrapes(doc).push({
        job_name: "ml-worker",
        static_configs: [{ targets: ["localhost:4195"] }],
      }),
    ),
    expect: [{ message: "twice: ml-worker" }],
  },
  {
    name: "an Ops Agent job with Kubernetes discovery and a namespace relabelling",
    ...edited(opsAgentConfigPath("api-service"), (doc) => {
      const job = opsScrapes(doc)[0];
      job.kubernetes_sd_configs = [{ role: "pod" }];
      job.relabel_configs = [{ source_labels: ["x"], target_label: "namespace" }];
      job.scrape_interval = "5s";
    }),
    expect: [
      {
        message:
          "job api-service uses kubernetes_sd_configs: the Ops Agent only takes static_configs",
      },
      { message: "relabels onto namespace" },
      { message: "scrapes every 5s" },
    ],
  },
  {
    name: "an Ops Agent pipeline naming a processor that is not defined",
    ...edited(opsAgentConfigPath("api-service"), (doc) => {
      delete doc.logging.processors.severity;
    }),
    expect: [
      {
        message:
          "logging pipeline api_service names processor severity, which logging.processors does not define",
      },
    ],
  },
  {
    name: "a CloudWatch agent key its schema does not know",
    ...edited(
      cloudwatchAgentConfigPath,
      (doc) => {
        doc.logs.metrics_collected.prometheus.emf_processor.metric_declarations = [];
        doc.logs.logs_collected.files.collect_list.push({ log_group_name: "" });
      },
      true,
    ),
    expect: [
      { message: "must NOT have additional properties (metric_declarations)" },
      { message: "collect_list/5: must have required property 'file_path'" },
      { message: "collect_list/5/log_group_name: must NOT have fewer than 1 characters" },
    ],
  },
]);
