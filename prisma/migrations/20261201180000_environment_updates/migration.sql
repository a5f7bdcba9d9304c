-- Upgrading running environments to another template version (issue 8): a run kind that
-- replaces what changed, the environment's state while it runs, each run's input (the target
-- version, parameters and plan), upgrade batches with their concurrency limit, and each
-- template's upgrade policy.
ALTER TYPE "RunKind" ADD VALUE 'update';
ALTER TYPE "EnvironmentState" ADD VALUE 'updating';

CREATE TYPE "UpgradePolicy" AS ENUM ('manual', 'automatic');
ALTER TABLE "Template" ADD COLUMN "upgradePolicy" "UpgradePolicy" NOT NULL DEFAULT 'manual';

-- Many environments upgraded together, at most `concurrency` at a time.
CREATE TABLE "UpgradeBatch" (
    "id" TEXT NOT NULL,
    "templateId" TEXT NOT NULL,
    "toVersionId" TEXT NOT NULL,
    "concurrency" INTEGER NOT NULL,
    "trigger" TEXT NOT NULL,
    "requestedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UpgradeBatch_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "UpgradeBatch_templateId_createdAt_idx" ON "UpgradeBatch"("templateId", "createdAt");

ALTER TABLE "Run" ADD COLUMN "input" JSONB;
ALTER TABLE "Run" ADD COLUMN "batchId" TEXT;
CREATE INDEX "Run_batchId_state_idx" ON "Run"("batchId", "state");

ALTER TABLE "UpgradeBatch" ADD CONSTRAINT "UpgradeBatch_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "Template"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "UpgradeBatch" ADD CONSTRAINT "UpgradeBatch_toVersionId_fkey" FOREIGN KEY ("toVersionId") REFERENCES "TemplateVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "UpgradeBatch" ADD CONSTRAINT "UpgradeBatch_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Run" ADD CONSTRAINT "Run_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "UpgradeBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;
