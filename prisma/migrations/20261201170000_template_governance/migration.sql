-- Templates owned by platform teams (issue 8): who owns a template, which teams may use it, when
-- it was archived; each version's change note and deprecation.
ALTER TABLE "Template" ADD COLUMN "ownerTeamId" TEXT;
ALTER TABLE "Template" ADD COLUMN "sharedWithAll" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Template" ADD COLUMN "archivedAt" TIMESTAMP(3);

ALTER TABLE "TemplateVersion" ADD COLUMN "changeNote" TEXT;
ALTER TABLE "TemplateVersion" ADD COLUMN "deprecatedAt" TIMESTAMP(3);

-- The teams a template is shared with when it is not shared with all.
CREATE TABLE "TemplateTeam" (
    "templateId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,

    CONSTRAINT "TemplateTeam_pkey" PRIMARY KEY ("templateId","teamId")
);
CREATE INDEX "TemplateTeam_teamId_idx" ON "TemplateTeam"("teamId");

ALTER TABLE "Template" ADD CONSTRAINT "Template_ownerTeamId_fkey" FOREIGN KEY ("ownerTeamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "TemplateTeam" ADD CONSTRAINT "TemplateTeam_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "Template"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "TemplateTeam" ADD CONSTRAINT "TemplateTeam_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
