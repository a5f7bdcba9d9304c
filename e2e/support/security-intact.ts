// After an attack, team A's things are as the world made them: nothing destroyed, confirmed,
// revoked, deleted, archived, published or created by a caller that was refused.
import { expect } from "@playwright/test";
import { sql, type World } from "./security-world";

export async function expectWorldIntact(world: World): Promise<void> {
  const [environment] = await sql<{ state: string }>(
    `SELECT state FROM "Environment" WHERE id = $1`,
    [world.ids.environments],
  );
  expect(["requested", "provisioning", "ready"]).toContain(environment?.state);
  const [deployment] = await sql<{ state: string }>(
    `SELECT state FROM "Deployment" WHERE id = $1`,
    [world.ids.deployments],
  );
  expect(deployment?.state).toBe("awaiting_confirmation");
  const [token] = await sql<{ revokedAt: Date | null }>(
    `SELECT "revokedAt" FROM "ApiToken" WHERE id = $1`,
    [world.ids.tokens],
  );
  expect(token?.revokedAt).toBeNull();
  const [account] = await sql<{ count: string }>(
    `SELECT count(*) FROM "CloudAccount" WHERE id = $1`,
    [world.ids["cloud-accounts"]],
  );
  expect(account?.count).toBe("1");
  const [template] = await sql<{ archivedAt: Date | null; versions: string }>(
    `SELECT t."archivedAt", (SELECT count(*) FROM "TemplateVersion" v WHERE v."templateId" = t.id) AS versions FROM "Template" t WHERE slug = $1`,
    [world.ids.templates],
  );
  expect(template).toEqual({ archivedAt: null, versions: "1" });
  const [service] = await sql<{ releases: string; webhook: string | null }>(
    `SELECT (SELECT count(*) FROM "Release" r WHERE r."serviceId" = s.id) AS releases, s."webhookSecretEnc" AS webhook FROM "Service" s WHERE id = $1`,
    [world.ids.services],
  );
  expect(service).toEqual({ releases: "1", webhook: null });
  const [user] = await sql<{ disabledAt: Date | null }>(
    `SELECT "disabledAt" FROM "User" WHERE id = $1`,
    [world.ids.users],
  );
  expect(user?.disabledAt).toBeNull();
  // Only the world's own environment, service and template exist in team A.
  const [made] = await sql<{
    environments: string;
    services: string;
    templates: string;
    accounts: string;
  }>(
    `SELECT (SELECT count(*) FROM "Environment" WHERE "teamId" = $1) AS environments, (SELECT count(*) FROM "Service" WHERE "teamId" = $1) AS services,
            (SELECT count(*) FROM "Template" WHERE "ownerTeamId" = $1) AS templates, (SELECT count(*) FROM "CloudAccount" WHERE "ownerTeamId" = $1) AS accounts`,
    [world.teamA.id],
  );
  expect(made).toEqual({
    environments: "1",
    services: "1",
    templates: "1",
    accounts: "1",
  });
}
