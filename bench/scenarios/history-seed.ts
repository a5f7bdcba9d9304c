// Deploy history at scale, written by Postgres itself (INSERT ... SELECT generate_series, one
// transaction, seeded random so every run makes the same rows): one team (the demo team), N
// services, M environments, R releases per service spread over the period, and D deployments over
// the last `days` days with mixed states, strategies, sources and requesters. Half the services
// have a dev -> staging -> prod pipeline, so the DORA metrics' "last stage" path is measured too.
import pg from "pg";

export type HistorySeed = { deployments: number; services: number; environments: number; releasesPerService: number; days: number };
export type SeededHistory = HistorySeed & { teamId: string; seedMs: number; analyzeMs: number; tableMb: number };

export async function seedHistory(databaseUrl: string, options: HistorySeed): Promise<SeededHistory> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const one = async <T>(text: string, values: unknown[] = []) => (await client.query(text, values)).rows[0] as T;
    const team = await one<{ id: string }>(`SELECT id FROM "Team" WHERE slug = 'demo'`);
    const dev = await one<{ id: string }>(`SELECT id FROM "User" WHERE email = 'dev@hangar.local'`);
    const admin = await one<{ id: string }>(`SELECT id FROM "User" WHERE email = 'admin@hangar.local'`);
    const version = await one<{ id: string; templateId: string }>(
      `SELECT v.id, v."templateId" FROM "TemplateVersion" v JOIN "Template" t ON t.id = v."templateId" WHERE t.slug = 'web-dev' ORDER BY v.version DESC LIMIT 1`,
    );
    const account = await one<{ id: string }>(`SELECT id FROM "CloudAccount" WHERE name = 'sandbox'`);
    const { services: S, environments: E, releasesPerService: R, deployments: D, days } = options;
    const started = performance.now();
    await client.query("BEGIN");
    await client.query("SELECT setseed(0.42)");
    // $1 team, $2 template, $3 developer, $4 the period's start.
    const start = new Date(Date.now() - days * 86_400_000);
    await client.query(
      `INSERT INTO "Service" (id, name, "teamId", "templateId", "instanceGroup", "healthCheck", "defaultStrategy", "createdById", "createdAt", "updatedAt")
       SELECT 'bench-svc-' || s, 'bench-svc-' || lpad(s::text, 2, '0'), $1, $2, 'web', '{"statusChecks":true,"http":null}',
              '{"type":"rolling","batchSize":1,"maxUnavailable":0}', $3, $4::timestamp, now()
       FROM generate_series(1, ${S}) s`,
      [team.id, version.templateId, dev.id, start.toISOString()],
    );
    await client.query(
      `INSERT INTO "Environment" (id, name, "liveName", "teamId", "ownerId", "templateVersionId", "cloudAccountId", region, parameters, plan, state, "expiresAt", "readyAt", "createdAt", "updatedAt")
       SELECT 'bench-env-' || e, 'bench-env-' || lpad(e::text, 2, '0'), 'bench-env-' || lpad(e::text, 2, '0'), $1, $2, $3, $4, 'us-east-1', '{}', '{}',
              'ready', now() + interval '365 days', $5::timestamp, $5::timestamp, now()
       FROM generate_series(1, ${E}) e`,
      [team.id, dev.id, version.id, account.id, start.toISOString()],
    );
    // Release k of a service is made at the k-th step of the period.
    await client.query(
      `INSERT INTO "Release" (id, "serviceId", version, "artifactType", artifact, config, "commitSha", changelog, "createdById", "createdAt")
       SELECT 'bench-rel-' || s || '-' || k, 'bench-svc-' || s, '1.' || k || '.0', 'image', 'ghcr.io/acme/svc-' || s || ':1.' || k || '.0',
              '{"LOG_LEVEL":"info"}', substr(md5(s || '-' || k), 1, 12), 'Release ' || k || ' of service ' || s, $1,
              $2::timestamp + (k - 1) * ($3::int * interval '1 day' / ${R}) - s * interval '7 minutes'
       FROM generate_series(1, ${S}) s, generate_series(1, ${R}) k`,
      [dev.id, start.toISOString(), days],
    );
    await client.query(
      `INSERT INTO "PipelineStage" (id, "serviceId", name, position, "environmentId", "requiresConfirmation", "updatedAt")
       SELECT 'bench-stage-' || s || '-' || p, 'bench-svc-' || s, (ARRAY['dev', 'staging', 'prod'])[p], p,
              'bench-env-' || (1 + (s * 3 + p) % ${E}), p = 3, now()
       FROM generate_series(1, ${Math.floor(S / 2)}) s, generate_series(1, 3) p`,
    );
    // Deployment n: service 1 + n % S, made at its point of the period (a few minutes of jitter),
    // deploying that service's newest release then (or the one before), to environment 1..E.
    await client.query(
      `INSERT INTO "Deployment" (id, "serviceId", "teamId", "releaseId", "fromReleaseId", "environmentId", strategy, state, reason, source,
                                 "requestedById", "createdAt", "startedAt", "finishedAt", "updatedAt")
       SELECT 'bench-dep-' || lpad(n::text, 7, '0'), 'bench-svc-' || s, $1, 'bench-rel-' || s || '-' || k, CASE WHEN k > 1 THEN 'bench-rel-' || s || '-' || (k - 1) END,
              'bench-env-' || e, strategy, state::"DeploymentState",
              CASE WHEN state = 'failed' THEN 'health gate: instance status impaired' WHEN state = 'rolled_back' THEN 'health gate: HTTP 500 from /healthz' END,
              source, CASE WHEN source = 'webhook' THEN NULL WHEN n % 3 = 0 THEN $2 ELSE $3 END,
              created, CASE WHEN state NOT IN ('queued', 'awaiting_confirmation') THEN created + interval '4 seconds' END,
              CASE WHEN state NOT IN ('queued', 'running', 'awaiting_confirmation') THEN created + (60 + r * 1500) * interval '1 second' END, now()
       FROM (
         SELECT n, s, e, r, created,
                greatest(1, least(${R}, floor(extract(epoch FROM created - $4::timestamp) / ($5::int * 86400.0 / ${R}))::int + (CASE WHEN n % 5 = 0 THEN 0 ELSE 1 END))) AS k,
                CASE WHEN n > ${D} - 20 THEN (ARRAY['queued', 'running', 'awaiting_confirmation'])[1 + n % 3]
                     WHEN r < 0.80 THEN 'succeeded' WHEN r < 0.86 THEN 'failed' WHEN r < 0.91 THEN 'rolled_back' ELSE 'canceled' END AS state,
                (ARRAY['{"type":"rolling","batchSize":1,"maxUnavailable":0}', '{"type":"blue-green","graceMinutes":15}', '{"type":"canary","percent":20,"bakeSeconds":60}'])[1 + n % 3]::jsonb AS strategy,
                (ARRAY['ui', 'api', 'webhook', 'promotion', 'api', 'ui', 'rollback'])[1 + (n / 7) % 7] AS source
         FROM (
           SELECT n, 1 + n % ${S} AS s, 1 + floor(random() * ${E})::int AS e, random() AS r,
                  $4::timestamp + (n - 1) * ($5::int * interval '1 day' / ${D}) + floor(random() * 300) * interval '1 second' AS created
           FROM generate_series(1, ${D}) n
         ) base
       ) d`,
      [team.id, admin.id, dev.id, start.toISOString(), days],
    );
    await client.query("COMMIT");
    const seedMs = performance.now() - started;
    const analyzeStarted = performance.now();
    await client.query(`ANALYZE "Deployment", "Release", "Service", "Environment", "PipelineStage", "User"`);
    const analyzeMs = performance.now() - analyzeStarted;
    const size = await one<{ mb: number }>(`SELECT (pg_total_relation_size('"Deployment"') / 1048576.0)::float8 AS mb`);
    return { ...options, teamId: team.id, seedMs, analyzeMs, tableMb: size.mb };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
