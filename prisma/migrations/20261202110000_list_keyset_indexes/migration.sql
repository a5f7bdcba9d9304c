-- Keyset (cursor) pagination of the lists (issue 10): each list's order ends in the id, so the
-- seek `(field, id) after (value, id)` starts an index scan at the cursor instead of counting
-- rows from the start. (teamId, createdAt, id) replaces (teamId, createdAt), its prefix.
DROP INDEX "Environment_teamId_createdAt_idx";
CREATE INDEX "Environment_teamId_createdAt_id_idx" ON "Environment"("teamId", "createdAt", "id");
CREATE INDEX "Environment_createdAt_id_idx" ON "Environment"("createdAt", "id");
CREATE INDEX "Service_name_id_idx" ON "Service"("name", "id");
CREATE INDEX "Template_name_id_idx" ON "Template"("name", "id");
