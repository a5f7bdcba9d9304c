// Many environments for the list benchmark and the keyset tests, written by Postgres itself
// (INSERT ... SELECT generate_series, one transaction, seeded random so every run makes the same
// rows) on top of the demo seed: N environments spread over `teams` teams (the demo team and
// bench-team-2...), made from the one-group web-dev and the two-group service-stack templates, in
// mixed states with a share destroyed, two at a time with the same creation time (so the id
// tie-break is exercised), plus `services` services. The demo admin is in every team, the demo
// developer only in the demo team.
import pg from "pg";

export type ListsSeed = { environments: number; teams: number; services: number };
export type SeededLists = ListsSeed & { teamIds: string[]; seedMs: number; analyzeMs: number };

/** Weighted: about a third destroyed, a third ready, the rest spread over the other states. */
const STATES = ["destroyed", "destroyed", "destroyed", "ready", "ready", "ready", "ready", "failed", "stopped", "provisioning", "requested", "updating", "destroying", "awaiting_approval", "stopping", "starting"];

export async function seedLists(databaseUrl: string, options: ListsSeed): Promise<SeededLists> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  // Hangar's timestamps are UTC without a zone; now() is converted in the session's zone.
  await client.query("SET TIME ZONE 'UTC'");
  try {
    const one = async <T>(text: string, values: unknown[] = []) => (await client.query(text, values)).rows[0] as T;
    const demo = await one<{ id: string }>(`SELECT id FROM "Team" WHERE slug = 'demo'`);
    const dev = await one<{ id: string }>(`SELECT id FROM "User" WHERE email = 'dev@hangar.local'`);
    const admin = await one<{ id: string }>(`SELECT id FROM "User" WHERE email = 'admin@hangar.local'`);
    const account = await one<{ id: string }>(`SELECT id FROM "CloudAccount" WHERE name = 'sandbox'`);
    const versions = (
      await client.query<{ id: string; templateId: string }>(
        `SELECT DISTINCT ON (t.slug) v.id, v."templateId" FROM "TemplateVersion" v JOIN "Template" t ON t.id = v."templateId"
         WHERE t.slug IN ('web-dev', 'service-stack') ORDER BY t.slug, v.version DESC`,
      )
    ).rows;
    if (versions.length !== 2) throw new Error("lists seed: the demo seed's web-dev and service-stack templates are missing");
    const started = performance.now();
    await client.query("BEGIN");
    await client.query("SELECT setseed(0.42)");
    await client.query(
      `INSERT INTO "Team" (id, slug, name, "updatedAt") SELECT 'bench-team-' || t, 'bench-team-' || t, 'Bench team ' || t, now() FROM generate_series(2, ${options.teams}) t`,
    );
    const teamIds = [demo.id, ...Array.from({ length: options.teams - 1 }, (_, i) => `bench-team-${i + 2}`)];
    await client.query(`INSERT INTO "Membership" ("userId", "teamId", role) SELECT $1, 'bench-team-' || t, 'admin' FROM generate_series(2, ${options.teams}) t`, [admin.id]);
    // Environment e: team e % T, template e % 2, created (e / 2) minutes ago, so pairs share a time.
    await client.query(
      `INSERT INTO "Environment" (id, name, "liveName", "teamId", "ownerId", "templateVersionId", "cloudAccountId", region, parameters, plan, state,
                                  "expiresAt", "readyAt", "destroyedAt", "createdAt", "updatedAt")
       SELECT 'bench-env-' || lpad(e::text, 6, '0'), name, CASE WHEN state = 'destroyed' THEN NULL ELSE name END, team, $1, version, $2, 'us-east-1', '{}', '{}',
              state::"EnvironmentState", created + interval '3 days', created + interval '40 seconds',
              CASE WHEN state = 'destroyed' THEN created + interval '1 day' END, created, now()
       FROM (SELECT e, 'bench-env-' || e AS name,
                    (ARRAY[${teamIds.map((_, i) => `$${i + 5}`).join(", ")}])[1 + e % ${options.teams}] AS team,
                    (ARRAY[$3, $4])[1 + e % 2] AS version,
                    (ARRAY[${STATES.map((s) => `'${s}'`).join(", ")}])[1 + floor(random() * ${STATES.length})::int] AS state,
                    date_trunc('second', now()) - (e / 2) * interval '1 minute' AS created
             FROM generate_series(1, ${options.environments}) e) rows`,
      [dev.id, account.id, versions[0]!.id, versions[1]!.id, ...teamIds],
    );
    await client.query(
      `INSERT INTO "Service" (id, name, "teamId", "templateId", "instanceGroup", "healthCheck", "defaultStrategy", "createdById", "updatedAt")
       SELECT 'bench-svc-' || s, 'bench-svc-' || lpad(s::text, 4, '0'), (ARRAY[${teamIds.map((_, i) => `$${i + 3}`).join(", ")}])[1 + s % ${options.teams}], $1, 'web',
              '{"statusChecks":true,"http":null}', '{"type":"rolling","batchSize":1,"maxUnavailable":0}', $2, now()
       FROM generate_series(1, ${options.services}) s`,
      [versions[1]!.templateId, dev.id, ...teamIds],
    );
    await client.query("COMMIT");
    const seedMs = performance.now() - started;
    const analyzing = performance.now();
    await client.query(`ANALYZE "Environment", "Service", "Team", "Membership"`);
    return { ...options, teamIds, seedMs, analyzeMs: performance.now() - analyzing };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
