// What a request resolves before anything is written: the template version and the cloud
// account, in ONE read (the request is the hottest path of the product, and each statement
// outside a transaction is a commit of its own).
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { sqlRows } from "../db/sql";
import type { TemplateSpec } from "../templates/template-spec";

export type RequestTargets = {
  template: { id: string; slug: string } | null;
  version: { id: string; version: number; spec: TemplateSpec } | null;
  account: { id: string; name: string; regions: string[]; defaultRegion: string } | null;
};

/** The template (id or slug) at `version` (latest when absent) and the account (id or name; the default when absent). */
export async function findRequestTargets(db: Db, input: { template: string; version?: number; cloudAccount?: string }): Promise<RequestTargets> {
  const [row] = await sqlRows<{ template: RequestTargets["template"]; version: RequestTargets["version"]; account: RequestTargets["account"] }>(db, Prisma.sql`
    WITH t AS (SELECT "id", "slug" FROM "Template" WHERE "id" = ${input.template} OR "slug" = ${input.template} ORDER BY ("slug" = ${input.template}) LIMIT 1),
    v AS (
      SELECT "id", "version", "spec" FROM "TemplateVersion"
      WHERE "templateId" = (SELECT "id" FROM t) AND (${input.version ?? null}::int IS NULL OR "version" = ${input.version ?? null}::int)
      ORDER BY "version" DESC LIMIT 1),
    a AS (
      SELECT "id", "name", "regions", "defaultRegion" FROM "CloudAccount"
      WHERE CASE WHEN ${input.cloudAccount ?? null}::text IS NULL THEN "isDefault" ELSE ("id" = ${input.cloudAccount ?? null}::text OR "name" = ${input.cloudAccount ?? null}::text) END
      LIMIT 1)
    SELECT (SELECT row_to_json(t) FROM t) AS template, (SELECT row_to_json(v) FROM v) AS version, (SELECT row_to_json(a) FROM a) AS account`);
  return { template: row?.template ?? null, version: row?.version ?? null, account: row?.account ?? null };
}
