-- The request form remembers what each user last asked for from each template (issue 8):
-- parameters (never secret ones), lease and placement, written with a successful request.
CREATE TABLE "RequestMemory" (
    "userId" TEXT NOT NULL,
    "templateId" TEXT NOT NULL,
    "values" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RequestMemory_pkey" PRIMARY KEY ("userId","templateId")
);
-- Deleting a template cascades here; without the index that is a scan of every user's memory.
CREATE INDEX "RequestMemory_templateId_idx" ON "RequestMemory"("templateId");

ALTER TABLE "RequestMemory" ADD CONSTRAINT "RequestMemory_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "RequestMemory" ADD CONSTRAINT "RequestMemory_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "Template"("id") ON DELETE CASCADE ON UPDATE CASCADE;
