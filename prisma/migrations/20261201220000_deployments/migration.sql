-- Deployments (issue 9): a release going onto an environment as a `deploy` run, promotion
-- pipelines of stages bound to environments, the Elastic IPs a service moves between releases,
-- and which release each instance runs (and whether a deployment took it out of service).
ALTER TYPE "RunKind" ADD VALUE 'retire';

CREATE TYPE "DeploymentState" AS ENUM ('awaiting_confirmation', 'queued', 'running', 'succeeded', 'failed', 'rolled_back', 'canceled');

ALTER TABLE "Service" ADD COLUMN "stableAddresses" BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE "Instance" ADD COLUMN "releaseId" TEXT;
ALTER TABLE "Instance" ADD COLUMN "outOfServiceAt" TIMESTAMP(3);
ALTER TABLE "Instance" ADD COLUMN "terminateAfter" TIMESTAMP(3);
ALTER TABLE "Instance" ADD COLUMN "retiredByRunId" TEXT;
-- The retire sweep finds kept sets whose grace period is over.
CREATE INDEX "Instance_terminateAfter_idx" ON "Instance"("terminateAfter");

CREATE TABLE "PipelineStage" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "environmentId" TEXT NOT NULL,
    "requiresConfirmation" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PipelineStage_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "PipelineStage_serviceId_name_key" ON "PipelineStage"("serviceId", "name");
CREATE UNIQUE INDEX "PipelineStage_serviceId_position_key" ON "PipelineStage"("serviceId", "position");
CREATE INDEX "PipelineStage_environmentId_idx" ON "PipelineStage"("environmentId");
ALTER TABLE "PipelineStage" ADD CONSTRAINT "PipelineStage_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PipelineStage" ADD CONSTRAINT "PipelineStage_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "Deployment" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "runId" TEXT,
    "strategy" JSONB NOT NULL,
    "state" "DeploymentState" NOT NULL,
    "fromReleaseId" TEXT,
    "previousDeploymentId" TEXT,
    "rollbackOfId" TEXT,
    "stageId" TEXT,
    "reason" TEXT,
    "gateResults" JSONB NOT NULL DEFAULT '[]',
    "source" TEXT NOT NULL,
    "requestedById" TEXT,
    "confirmedById" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Deployment_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Deployment_runId_key" ON "Deployment"("runId");
-- History pages: newest first per team, service and environment, keyset (createdAt, id).
CREATE INDEX "Deployment_teamId_createdAt_id_idx" ON "Deployment"("teamId", "createdAt", "id");
CREATE INDEX "Deployment_serviceId_createdAt_id_idx" ON "Deployment"("serviceId", "createdAt", "id");
CREATE INDEX "Deployment_environmentId_createdAt_id_idx" ON "Deployment"("environmentId", "createdAt", "id");
-- DORA metrics read a service's deployments by when they finished, over a window.
CREATE INDEX "Deployment_serviceId_finishedAt_idx" ON "Deployment"("serviceId", "finishedAt");
CREATE INDEX "Deployment_releaseId_idx" ON "Deployment"("releaseId");
CREATE INDEX "Deployment_requestedById_createdAt_idx" ON "Deployment"("requestedById", "createdAt");
CREATE INDEX "Deployment_state_idx" ON "Deployment"("state");
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_fromReleaseId_fkey" FOREIGN KEY ("fromReleaseId") REFERENCES "Release"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_stageId_fkey" FOREIGN KEY ("stageId") REFERENCES "PipelineStage"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_confirmedById_fkey" FOREIGN KEY ("confirmedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A deployment follows its run: started when the run starts, and failed or canceled when the
-- run ends that way without the deploy having recorded a result of its own (rolled_back).
-- Timestamps are UTC, as every timestamp(3) column here.
CREATE FUNCTION "deployment_follows_run"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."state" = 'running' THEN
    UPDATE "Deployment" SET "state" = 'running', "startedAt" = COALESCE("startedAt", NEW."startedAt", (now() AT TIME ZONE 'UTC')), "updatedAt" = (now() AT TIME ZONE 'UTC')
    WHERE "runId" = NEW."id" AND "state" = 'queued';
  ELSIF NEW."state" = 'queued' THEN
    -- A retry of a failed deploy run.
    UPDATE "Deployment" SET "state" = 'queued', "finishedAt" = NULL, "reason" = NULL, "updatedAt" = (now() AT TIME ZONE 'UTC')
    WHERE "runId" = NEW."id" AND "state" IN ('failed', 'canceled');
  ELSIF NEW."state" IN ('succeeded', 'failed', 'canceled') THEN
    UPDATE "Deployment" SET
      "state" = (CASE WHEN NEW."state" = 'succeeded' THEN 'succeeded' WHEN NEW."state" = 'canceled' THEN 'canceled' ELSE 'failed' END)::"DeploymentState",
      "reason" = COALESCE("reason", NEW."error"),
      "finishedAt" = COALESCE(NEW."finishedAt", (now() AT TIME ZONE 'UTC')), "updatedAt" = (now() AT TIME ZONE 'UTC')
    WHERE "runId" = NEW."id" AND "state" IN ('queued', 'running');
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "Run_deployment_follows" AFTER UPDATE OF "state" ON "Run"
  FOR EACH ROW WHEN (OLD."state" IS DISTINCT FROM NEW."state" AND NEW."kind" = 'deploy') EXECUTE FUNCTION "deployment_follows_run"();

CREATE TABLE "ServiceAddress" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "allocationId" TEXT,
    "publicIp" TEXT,
    "instanceId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ServiceAddress_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ServiceAddress_serviceId_environmentId_slot_key" ON "ServiceAddress"("serviceId", "environmentId", "slot");
CREATE INDEX "ServiceAddress_environmentId_idx" ON "ServiceAddress"("environmentId");
ALTER TABLE "ServiceAddress" ADD CONSTRAINT "ServiceAddress_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ServiceAddress" ADD CONSTRAINT "ServiceAddress_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
