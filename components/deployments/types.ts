import type { DeploymentView } from "@/lib/deployments/deployment-view";
import type { Jsonify } from "../jsonify";

/** A deployment as the page and GET /api/v1/deployments/:id carry it. */
export type DeploymentJson = Jsonify<DeploymentView>;

export const SETTLED_DEPLOYMENT_STATES = new Set(["succeeded", "failed", "rolled_back", "canceled"]);
