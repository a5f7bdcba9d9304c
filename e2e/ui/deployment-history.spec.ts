// Deploy history in Chromium: deployments written straight into the database (known versions,
// states and times, without waiting on the deploy engine) are listed on /deployments; the
// filters and search round-trip through the URL and the export links carry them; a bad date
// shows at its field; a row opens the deployment's page with its diff, health gate and Roll back
// (which asks first); the service's page links to its history.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { signIn } from "../support/sign-in";
import { createUser, databaseUrl, type SeededUser } from "../support/users";

let developer: SeededUser;
const teamSlug = `hist-${randomUUID().slice(0, 8)}`;
const service = `hist-${randomUUID().slice(0, 6)}`;
const ids = { service: randomUUID(), environment: randomUUID(), releases: [randomUUID(), randomUUID()], ok: randomUUID(), bad: randomUUID() };
const HOUR = 3_600_000;

async function seed(): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    const team = await client.query<{ id: string }>(`SELECT id FROM "Team" WHERE slug = $1`, [teamSlug]);
    const owner = await client.query<{ id: string }>(`SELECT "userId" AS id FROM "Membership" WHERE "teamId" = $1 LIMIT 1`, [team.rows[0]!.id]);
    const version = await client.query<{ id: string; templateId: string }>(
      `SELECT v.id, v."templateId" FROM "TemplateVersion" v JOIN "Template" t ON t.id = v."templateId" WHERE t.slug = 'web-dev' ORDER BY v.version DESC LIMIT 1`,
    );
    const account = await client.query<{ id: string }>(`SELECT id FROM "CloudAccount" ORDER BY "createdAt" LIMIT 1`);
    const [teamId, ownerId] = [team.rows[0]!.id, owner.rows[0]!.id];
    await client.query(
      `INSERT INTO "Service" (id, name, "teamId", "templateId", "instanceGroup", "healthCheck", "defaultStrategy", "updatedAt")
       VALUES ($1, $2, $3, $4, 'web', '{"statusChecks":true,"http":null}', '{"type":"rolling","batchSize":1,"maxUnavailable":0}', now())`,
      [ids.service, service, teamId, version.rows[0]!.templateId],
    );
    await client.query(
      `INSERT INTO "Environment" (id, name, "liveName", "teamId", "ownerId", "templateVersionId", "cloudAccountId", region, parameters, plan, state, "expiresAt", "updatedAt")
       VALUES ($1, $2, $2, $3, $4, $5, $6, 'us-east-1', '{}', '{}', 'ready', now() + interval '1 day', now())`,
      [ids.environment, `${service}-env`, teamId, ownerId, version.rows[0]!.id, account.rows[0]!.id],
    );
    const now = Date.now();
    for (const [index, id] of ids.releases.entries()) {
      await client.query(
        `INSERT INTO "Release" (id, "serviceId", version, "artifactType", artifact, config, changelog, "createdAt") VALUES ($1, $2, $3, 'image', $4, $5, $6, $7)`,
        [id, ids.service, `1.${index}.0`, `ghcr.io/acme/hist:1.${index}.0`, JSON.stringify(index === 0 ? { MODE: "a" } : { MODE: "b", EXTRA: "on" }), `changes of 1.${index}.0`, new Date(now - (10 - index) * HOUR)],
      );
    }
    const gate = JSON.stringify([{ instanceId: "i-0bad", batch: 0, statusChecks: { system: "ok", instance: "ok" }, http: { status: 500, ms: 7 }, state: "failed", detail: "HTTP / answered 500", at: new Date(now - 2 * HOUR).toISOString() }]);
    const rows: [string, string, string | null, string, number, string][] = [
      [ids.ok, ids.releases[0]!, null, "succeeded", 5, "[]"],
      [ids.bad, ids.releases[1]!, ids.releases[0]!, "rolled_back", 2, gate],
    ];
    for (const [id, releaseId, fromId, state, hoursAgo, gateResults] of rows) {
      const at = new Date(now - hoursAgo * HOUR);
      await client.query(
        `INSERT INTO "Deployment" (id, "serviceId", "teamId", "releaseId", "fromReleaseId", "environmentId", strategy, state, source, reason, "gateResults", "requestedById", "createdAt", "startedAt", "finishedAt", "updatedAt")
         VALUES ($1, $2, $3, $4, $5, $6, '{"type":"rolling","batchSize":1,"maxUnavailable":0}', $7, 'api', $8, $9, $10, $11, $11, $12, now())`,
        [id, ids.service, teamId, releaseId, fromId, ids.environment, state, state === "rolled_back" ? "health gate failed on i-0bad: HTTP / answered 500" : null, gateResults, ownerId, at, new Date(at.getTime() + 90_000)],
      );
    }
  } finally {
    await client.end();
  }
}

test.beforeAll(async () => {
  test.skip(!databaseUrl(), "needs the system's database to write deployments with known states");
  developer = await createUser({ role: "developer", teamSlug, label: "hist-ui" });
  await seed();
});

test("the history filters through the URL, exports what it shows, and opens a deployment", async ({ page }) => {
  await signIn(page, developer);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Deployments" }).click();
  await expect(page).toHaveURL(/\/deployments$/);
  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText("1.0.0 → 1.1.0");
  await expect(rows.first()).toContainText("rolled back");

  await page.getByLabel("Result").selectOption({ label: "Succeeded" });
  await page.getByLabel("Service", { exact: true }).fill(service);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/result=succeeded/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("succeeded");
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute("href", new RegExp(`service=${service}.*result=succeeded.*format=csv`));
  // The filters come back filled from the URL.
  await page.reload();
  await expect(page.getByLabel("Service", { exact: true })).toHaveValue(service);

  await page.goto("/deployments?q=1.1");
  await expect(page.getByLabel("Search deployments")).toHaveValue("1.1");
  await expect(rows).toHaveCount(1);

  await page.goto("/deployments?from=yesterday");
  await expect(page.getByText("From must be a date (2026-12-01) or an ISO 8601 time")).toBeVisible();
  await expect(page.getByText("Fix the highlighted filters")).toBeVisible();

  await page.goto("/deployments?q=nothing-matches-this");
  await expect(page.getByRole("heading", { name: "No deployments match" })).toBeVisible();

  await page.goto("/deployments");
  await page.getByRole("link", { name: `Deployment of ${service} 1.1.0 to ${service}-env` }).click();
  await expect(page).toHaveURL(new RegExp(`/deployments/${ids.bad}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`${service} 1.0.0 → 1.1.0 on ${service}-env`);
  await expect(page.getByRole("alert").filter({ hasText: "health gate failed on i-0bad" })).toBeVisible();
  const changes = page.getByRole("region", { name: "Changes" });
  await expect(changes.getByRole("list", { name: "Config changes" })).toContainText("EXTRA=on");
  await expect(changes).toContainText("changes of 1.1.0");
  const gate = page.getByRole("region", { name: "Health gate" });
  await expect(gate.locator("tr[data-gate=failed]")).toContainText("i-0bad");

  await page.getByRole("button", { name: "Roll back" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`Roll back ${service} on ${service}-env?`);
  await expect(dialog.getByRole("button", { name: "Roll back to 1.0.0" })).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  await page.goto(`/services/${ids.service}`);
  await page.getByRole("link", { name: "All deployments of this service" }).click();
  await expect(page).toHaveURL(new RegExp(`/deployments\\?service=${service}$`));
  await expect(rows).toHaveCount(2);
});
