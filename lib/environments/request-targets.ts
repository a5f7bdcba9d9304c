// What a request resolves before anything is written: the template version and the cloud
// account, in ONE read (the request is the hottest path of the product, and each statement
// outside a transaction is a commit of its own). The template must be one the requesting team
// may use (it owns it, or it is shared with it); archived templates and deprecated versions take
// no new requests.
import type { Tx } from "../db/client";
import { Prisma } from "../db/generated/client";
import { sqlRows } from "../db/sql";
import type { TemplateSpec } from "../templates/template-spec";
import { usableAccountChoice } from "../cloud-accounts/account-choice-sql";

export type RequestTargets = {
  template: { id: string; slug: string; archived: boolean } | null;
  /** The version asked for, or the newest one not deprecated. */
  version: { id: string; version: number; spec: TemplateSpec; deprecated: boolean } | null;
  /** The newest version that may be requested, for messages. */
  latestRequestable: number | null;
  account: { id: string; name: string; regions: string[]; defaultRegion: string } | null;
};

/**
 * The template (id or slug) at `version` (latest requestable when absent) and the account (id
 * or name; the default when absent), both among those the team may use: another team's account
 * is not found.
 */
export async function findRequestTargets(db: Tx, input: { template: string; version?: number; cloudAccount?: string; teamId: string }): Promise<RequestTargets> {
  const version = input.version ?? null;
  const account = input.cloudAccount ?? null;
  const [row] = await sqlRows<Omit<RequestTargets, "latestRequestable"> & { latest_requestable: number | null }>(db, Prisma.sql`
    WITH t AS (
      SELECT tp."id", tp."slug", tp."archivedAt" IS NOT NULL AS archived FROM "Template" tp
      WHERE (tp."id" = ${input.template} OR tp."slug" = ${input.template})
        AND (tp."sharedWithAll" OR tp."ownerTeamId" = ${input.teamId}
          OR EXISTS (SELECT 1 FROM "TemplateTeam" tt WHERE tt."templateId" = tp."id" AND tt."teamId" = ${input.teamId}))
      ORDER BY (tp."slug" = ${input.template}) LIMIT 1),
    v AS (
      SELECT "id", "version", "spec", "deprecatedAt" IS NOT NULL AS deprecated FROM "TemplateVersion"
      WHERE "templateId" = (SELECT "id" FROM t) AND (("version" = ${version}::int) OR (${version}::int IS NULL AND "deprecatedAt" IS NULL))
      ORDER BY "version" DESC LIMIT 1),
    a AS (${usableAccountChoice(account, [input.teamId])})
    SELECT (SELECT row_to_json(t) FROM t) AS template, (SELECT row_to_json(v) FROM v) AS version, (SELECT row_to_json(a) FROM a) AS account,
      (SELECT max("version") FROM "TemplateVersion" WHERE "templateId" = (SELECT "id" FROM t) AND "deprecatedAt" IS NULL) AS latest_requestable`);
  return { template: row?.template ?? null, version: row?.version ?? null, account: row?.account ?? null, latestRequestable: row?.latest_requestable ?? null };
}
