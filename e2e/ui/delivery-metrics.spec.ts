// The service page's Delivery metrics in Chromium: with no deployments it says how to get some;
// with finished deployments (written straight into the database with chosen times, since the
// figures must be known) it shows the four DORA figures with their bands and charts, and the
// window links recompute them. The metrics API answers the same figures and refuses a bad window.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { signIn } from "../support/sign-in";
import { createUser, databaseUrl, type SeededUser } from "../support/users";

let viewer: SeededUser;
const teamSlug = `dora-${randomUUID().slice(0, 8)}`;
const ids = { service: randomUUID(), quiet: randomUUID(), environment: randomUUID() };
const HOUR = 3_600_000;

/** A service with two releases on one environment: 3 succeeded, 1 failed (restored 2 h later), all within the last 3 days. */
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
    const [teamId, ownerId, versionId, templateId] = [team.rows[0]!.id, owner.rows[0]!.id, version.rows[0]!.id, version.rows[0]!.templateId];
    for (const [id, name] of [[ids.service, "metrics-web"], [ids.quiet, "metrics-quiet"]]) {
      await client.query(
        `INSERT INTO "Service" (id, name, "teamId", "templateId", "instanceGroup", "healthCheck", "defaultStrategy", "updatedAt")
         VALUES ($1, $2, $3, $4, 'web', '{"statusChecks":true,"http":null}', '{"type":"rolling","batchSize":1,"maxUnavailable":0}', now())`,
        [id, name, teamId, templateId],
      );
    }
    await client.query(
      `INSERT INTO "Environment" (id, name, "liveName", "teamId", "ownerId", "templateVersionId", "cloudAccountId", region, parameters, plan, state, "expiresAt", "updatedAt")
       VALUES ($1, 'metrics-env', 'metrics-env', $2, $3, $4, $5, 'us-east-1', '{}', '{}', 'ready', now() + interval '1 day', now())`,
      [ids.environment, teamId, ownerId, versionId, account.rows[0]!.id],
    );
    const now = Date.now();
    const releases = [randomUUID(), randomUUID()];
    for (const [index, id] of releases.entries()) {
      await client.query(
        `INSERT INTO "Release" (id, "serviceId", version, "artifactType", artifact, config, "createdAt") VALUES ($1, $2, $3, 'image', 'ghcr.io/acme/web:1', '{}', $4)`,
        [id, ids.service, `1.${index}`, new Date(now - (60 - index * 20) * HOUR)],
      );
    }
    const deployments: [string, string, number][] = [
      [releases[0]!, "succeeded", 56],
      [releases[1]!, "failed", 30],
      [releases[1]!, "succeeded", 28],
      [releases[0]!, "succeeded", 10],
    ];
    for (const [releaseId, state, hoursAgo] of deployments) {
      const at = new Date(now - hoursAgo * HOUR);
      await client.query(
        `INSERT INTO "Deployment" (id, "serviceId", "teamId", "releaseId", "environmentId", strategy, state, source, "createdAt", "finishedAt", "updatedAt")
         VALUES ($1, $2, $3, $4, $5, '{"type":"rolling"}', $6, 'api', $7, $7, now())`,
        [randomUUID(), ids.service, teamId, releaseId, ids.environment, state, at],
      );
    }
  } finally {
    await client.end();
  }
}

test.beforeAll(async () => {
  test.skip(!databaseUrl(), "needs the system's database to write deployments with chosen times");
  viewer = await createUser({ role: "viewer", teamSlug, label: "dora-ui" });
  await seed();
});

test("a service without deployments says how to get metrics", async ({ page }) => {
  await signIn(page, viewer);
  await page.goto(`/services/${ids.quiet}`);
  const metrics = page.getByRole("region", { name: "Delivery metrics" });
  await expect(metrics.getByText("No deployments in this window yet")).toBeVisible();
  await expect(metrics.getByText("Deploy a release to see metrics")).toBeVisible();
});

test("the four DORA figures with bands and charts, per window, and the same from the API", async ({ page }) => {
  await signIn(page, viewer);
  await page.goto(`/services/${ids.service}`);
  const metrics = page.getByRole("region", { name: "Delivery metrics" });
  await expect(metrics.getByRole("link", { name: "30d" })).toHaveAttribute("aria-current", "page");
  await expect(metrics.getByRole("figure", { name: /Deployment frequency: 0\.7 a week, Medium/ })).toContainText("3 successful in 30 days");
  await expect(metrics.getByRole("figure", { name: /Change failure rate: 25 %, Low/ })).toContainText("1 of 4 finished deployments");
  await expect(metrics.getByRole("figure", { name: /Lead time for changes: 8 h, Elite/ })).toBeVisible();
  await expect(metrics.getByRole("figure", { name: /Time to restore: 2 h, High/ })).toBeVisible();
  // recharts draws on the client: one SVG chart per card.
  await expect(metrics.locator("svg.recharts-surface")).toHaveCount(4);

  await metrics.getByRole("link", { name: "7d" }).click();
  await expect(page).toHaveURL(/window=7d/);
  await expect(metrics.getByRole("link", { name: "7d" })).toHaveAttribute("aria-current", "page");
  await expect(metrics.getByRole("figure", { name: /Deployment frequency: 0\.43 a day, High/ })).toContainText("3 successful in 7 days");

  const api = await page.request.get(`/api/v1/services/${ids.service}/metrics?window=7d`);
  expect(api.status()).toBe(200);
  const body = (await api.json()) as { deploymentFrequency: { total: number }; changeFailureRate: { rate: number }; timeToRestore: { medianSeconds: number } };
  expect(body.deploymentFrequency.total).toBe(3);
  expect(body.changeFailureRate.rate).toBe(0.25);
  expect(body.timeToRestore.medianSeconds).toBe(7200);
  const bad = await page.request.get(`/api/v1/services/${ids.service}/metrics?window=1y`);
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: { issues: { path: string }[] } }).error.issues[0]!.path).toBe("query.window");
});
