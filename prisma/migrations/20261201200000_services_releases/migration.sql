-- Services and their releases (issue 9's model; deployments come next): a service is what a
-- team deploys, on one instance group of a template; a release is an immutable version of it
-- (artifact, non-secret config, commit, changelog).
CREATE TABLE "Service" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "repositoryUrl" TEXT,
    "templateId" TEXT NOT NULL,
    "instanceGroup" TEXT NOT NULL,
    "healthCheck" JSONB NOT NULL,
    "defaultStrategy" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Service_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Service_teamId_name_key" ON "Service"("teamId", "name");
CREATE INDEX "Service_templateId_idx" ON "Service"("templateId");

CREATE TABLE "Release" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "artifactType" TEXT NOT NULL,
    "artifact" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "commitSha" TEXT,
    "changelog" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Release_pkey" PRIMARY KEY ("id")
);
-- Versions are unique per service; the list of a service's releases reads newest first.
CREATE UNIQUE INDEX "Release_serviceId_version_key" ON "Release"("serviceId", "version");
CREATE INDEX "Release_serviceId_createdAt_idx" ON "Release"("serviceId", "createdAt");
CREATE INDEX "Release_createdById_idx" ON "Release"("createdById");

ALTER TABLE "Service" ADD CONSTRAINT "Service_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Service" ADD CONSTRAINT "Service_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "Template"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Service" ADD CONSTRAINT "Service_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Release" ADD CONSTRAINT "Release_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Release" ADD CONSTRAINT "Release_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
