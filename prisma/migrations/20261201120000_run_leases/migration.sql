-- The run engine's lease, cancel and retry (issue 7).
-- A run is executed by one worker at a time: the worker's execution id and the lease's expiry
-- (Postgres's clock) fence every step boundary and every cloud mutation.
ALTER TABLE "Run" ADD COLUMN "leaseOwner" TEXT;
ALTER TABLE "Run" ADD COLUMN "leaseExpiresAt" TIMESTAMP(3);
-- Who asked to cancel and why, shown with the state the cancel left.
ALTER TABLE "Run" ADD COLUMN "cancelReason" TEXT;
-- How many times the run was retried from its failed step.
ALTER TABLE "Run" ADD COLUMN "retryCount" INTEGER NOT NULL DEFAULT 0;

-- Why a parked step waits and when it expects to resume (queue position for the account's
-- launch budget, instances still pending).
ALTER TABLE "RunStep" ADD COLUMN "waitReason" TEXT;
ALTER TABLE "RunStep" ADD COLUMN "resumeAt" TIMESTAMP(3);
