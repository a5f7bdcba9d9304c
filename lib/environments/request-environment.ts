// Request an environment: validate everything first (template, parameters, lease, account,
// plan), then write Environment + Run + steps + outbox + audit + the requester's form memory in
// ONE transaction. Nothing is written when any check fails.
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { newId } from "../db/ids";
import { isUniqueViolation, jsonParam, oneStatement } from "../db/one-statement";
import { Conflict } from "../errors";
import { auditEventInsert, type RequestContext } from "../audit/record-audit-event";
import type { Caller } from "../identity/caller";
import type { OutboxJob } from "../queue/outbox";
import { runInserts } from "../runs/create-run";
import type { LiveCheckDeps } from "../templates/live-options/check-live-values";
import { planRequest } from "./plan-request";
import { requestMemoryUpsert, valuesToRemember } from "./request-memory";
import type { RequestEnvironmentInput } from "./schemas";
import { sqlRows } from "../db/sql";

export type RequestedEnvironment = { environmentId: string; runId: string; outbox: OutboxJob };

export async function requestEnvironment(
  db: Db,
  caller: Caller,
  input: RequestEnvironmentInput & { context?: RequestContext },
  /** The cloud, for templates whose parameters take live options (checked before anything is written). */
  live: LiveCheckDeps = {},
): Promise<RequestedEnvironment> {
  const { team, template, parameters, ttlSeconds, account, region, environmentId, plan } = await planRequest(db, caller, input, undefined, live);

  // Environment, run, steps, outbox row and audit event: one statement, so all or nothing with a
  // single round trip (this is the hottest write of the product).
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
  const runId = newId();
  const run = runInserts({ runId, environmentId, kind: "provision", requestedById: caller.userId }, now);
  const statements = [
    Prisma.sql`
      INSERT INTO "Environment" ("id", "name", "liveName", "teamId", "ownerId", "templateVersionId", "cloudAccountId", "region",
        "parameters", "plan", "state", "expiresAt", "createdAt", "updatedAt")
      VALUES (${environmentId}, ${input.name}, ${input.name}, ${team.teamId}, ${caller.userId}, ${template.version.id}, ${account.id}, ${region},
        ${jsonParam(parameters)}::jsonb, ${jsonParam(plan)}::jsonb, 'requested', ${expiresAt}, ${now}, ${now})`,
    ...run.statements,
    auditEventInsert(
      {
        actor: { id: caller.userId, email: caller.email },
        action: "environment.request",
        target: { type: "environment", id: environmentId },
        teamId: team.teamId,
        after: { name: input.name, template: `${template.slug}@${template.version.version}`, parameters, region, cloudAccount: account.name, expiresAt, runId },
        context: input.context,
      },
      now,
    ),
    // The form opens with these next time (request-defaults.ts); only what was chosen explicitly.
    requestMemoryUpsert(
      caller.userId,
      template.id,
      valuesToRemember({
        parameterSchema: template.version.spec.parameters,
        parameters: input.parameters,
        ttlSeconds: input.ttl !== undefined ? ttlSeconds : undefined,
        teamId: input.team ? team.teamId : undefined,
        cloudAccountId: input.cloudAccount ? account.id : undefined,
        region: input.region ? region : undefined,
      }),
      now,
    ),
  ];
  try {
    const [outbox] = await sqlRows<{ id: bigint }>(db, oneStatement(statements, run.statements.length));
    return { environmentId, runId, outbox: { id: outbox!.id, ...run.outbox } };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new Conflict(`name: team ${team.teamSlug} already has an environment named ${input.name}`, [{ path: "name", message: "is already used by a live environment of this team" }]);
    }
    throw error;
  }
}

