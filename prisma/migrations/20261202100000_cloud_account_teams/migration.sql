-- Cloud accounts belong to a team or are shared with teams (issue 10). Accounts that exist
-- before this migration were usable by everyone; they stay so (shared with all teams), so an
-- upgrade does not stop running systems from requesting environments. New accounts are shared
-- with nobody unless a site admin says otherwise.
ALTER TABLE "CloudAccount" ADD COLUMN "ownerTeamId" TEXT;
ALTER TABLE "CloudAccount" ADD COLUMN "sharedWithAll" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "CloudAccount" ALTER COLUMN "sharedWithAll" SET DEFAULT false;
CREATE INDEX "CloudAccount_ownerTeamId_idx" ON "CloudAccount"("ownerTeamId");

CREATE TABLE "CloudAccountTeam" (
    "cloudAccountId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,

    CONSTRAINT "CloudAccountTeam_pkey" PRIMARY KEY ("cloudAccountId","teamId")
);
CREATE INDEX "CloudAccountTeam_teamId_idx" ON "CloudAccountTeam"("teamId");

ALTER TABLE "CloudAccount" ADD CONSTRAINT "CloudAccount_ownerTeamId_fkey" FOREIGN KEY ("ownerTeamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "CloudAccountTeam" ADD CONSTRAINT "CloudAccountTeam_cloudAccountId_fkey" FOREIGN KEY ("cloudAccountId") REFERENCES "CloudAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CloudAccountTeam" ADD CONSTRAINT "CloudAccountTeam_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
