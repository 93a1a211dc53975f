import { catalogueUnknownJob } from "../../../scripts/engine/checks/catalogue/unknown-job.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureModel } from "../../helpers/fixture-model.ts";

const withJobs = (jobs: string[]) => {
  const model = fixtureModel();
  model.catalogue.files[0]!.jobs = jobs;
  return model;
};

checkTable(catalogueUnknownJob, [
  { name: "platform jobs", model: withJobs(["api-gateway", "ml-worker"]), expect: [] },
  {
    name: "a misspelt job",
    model: withJobs(["ml-wroker"]),
    expect: [
      {
        where: { file: "config/metrics/fixture.yaml" },
        message: 'Job "ml-wroker" is not a component of config/platform.ts',
      },
    ],
  },
]);
