// The account a request, a preview or a live option list runs against, as one SQL subquery:
// the one named (id or name), or without a name the default account, or, when the default is
// not the team's to use, the team's only account. Always among the accounts `teamIds` may use,
// so another team's account is "not found" rather than refused (no telling which exist).
import { Prisma } from "../db/generated/client";
import { usableAccountSql } from "./account-access";

export function usableAccountChoice(account: string | null, teamIds: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT ca."id", ca."name", ca."regions", ca."defaultRegion" FROM "CloudAccount" ca
    WHERE ${usableAccountSql(teamIds, "ca")}
      AND CASE WHEN ${account}::text IS NOT NULL THEN (ca."id" = ${account}::text OR ca."name" = ${account}::text)
        ELSE ca."isDefault" OR (SELECT count(*) FROM "CloudAccount" only_one WHERE ${usableAccountSql(teamIds, "only_one")}) = 1 END
    ORDER BY ca."isDefault" DESC, (ca."name" = ${account}::text) DESC
    LIMIT 1`;
}
