/**
 * The dashboard registry: every dashboard the build writes. Add a dashboard by adding its module
 * here; its slug names the output file and is its uid.
 */
import { type DashboardSource } from "../scripts/authoring/index.ts";
import apiGateway from "./api-gateway.ts";
import apiService from "./api-service.ts";
import mlService from "./ml-service.ts";
import mlWorker from "./ml-worker.ts";
import slos from "./slos.ts";

export const dashboards: DashboardSource[] = [apiGateway, mlWorker, mlService, apiService, slos];
