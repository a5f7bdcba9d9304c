// Request an environment: validate everything first (template, parameters, lease, account,
// plan), then write Environment + Run + steps + outbox + audit in ONE transaction. Nothing is
// written when any check fails.
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { newId } from "../db/ids";
import { isUniqueViolation, jsonParam, oneStatement } from "../db/one-statement";
import { Conflict, Forbidden, Invalid, invalidField, NotFound } from "../errors";
import { auditEventInsert, type RequestContext } from "../audit/record-audit-event";
import type { Caller } from "../identity/caller";
import { hasTeamPermission, teamIdsWith } from "../identity/permissions";
import type { OutboxJob } from "../queue/outbox";
import { runInserts } from "../runs/create-run";
import { formatDuration, parseDuration } from "../templates/durations";
import { findRequestTargets, type RequestTargets } from "./request-targets";
import { resolvePlan } from "../templates/resolve-plan";
import { validateParameters } from "../templates/validate-parameters";
import type { RequestEnvironmentInput } from "./schemas";
import { sqlRows } from "../db/sql";

export type RequestedEnvironment = { environmentId: string; runId: string; outbox: OutboxJob };

export async function requestEnvironment(
  db: Db,
  caller: Caller,
  input: RequestEnvironmentInput & { context?: RequestContext },
): Promise<RequestedEnvironment> {
  const team = resolveTeam(caller, input.team);
  const targets = await findRequestTargets(db, {
    template: input.template,
    teamId: team.teamId,
    ...(input.templateVersion ? { version: input.templateVersion } : {}),
    ...(input.cloudAccount ? { cloudAccount: input.cloudAccount } : {}),
  });
  const template = requireVersion(targets, input);
  const spec = template.version.spec;

  const parameters = validateParameters(spec.parameters, input.parameters);
  if (!parameters.ok) throw new Invalid(`Invalid parameters: ${parameters.issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, parameters.issues);

  const ttlSeconds = input.ttl === undefined ? spec.lease.default : parseDuration(input.ttl);
  if (ttlSeconds === null) throw invalidField("ttl", "must be a duration like 8h, 3d or 90m");
  if (ttlSeconds > spec.lease.max) throw invalidField("ttl", `exceeds this template's maximum lease of ${formatDuration(spec.lease.max)}`);

  const account = requireAccount(targets, input.cloudAccount);
  const region = input.region ?? account.defaultRegion;
  if (!account.regions.includes(region)) throw invalidField("region", `must be one of ${account.regions.join(", ")} for cloud account ${account.name}`);

  const environmentId = newId();
  const planned = resolvePlan(spec, { params: parameters.value, env: { id: environmentId, name: input.name, region, team: team.teamSlug } });
  if (!planned.ok) throw new Invalid(`This template cannot be planned with these parameters: ${planned.issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, planned.issues);

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
        ${jsonParam(parameters.value)}::jsonb, ${jsonParam(planned.plan)}::jsonb, 'requested', ${expiresAt}, ${now}, ${now})`,
    ...run.statements,
    auditEventInsert(
      {
        actor: { id: caller.userId, email: caller.email },
        action: "environment.request",
        target: { type: "environment", id: environmentId },
        teamId: team.teamId,
        after: { name: input.name, template: `${template.slug}@${template.version.version}`, parameters: parameters.value, region, cloudAccount: account.name, expiresAt, runId },
        context: input.context,
      },
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

function resolveTeam(caller: Caller, requested: string | undefined): Caller["memberships"][number] {
  if (requested) {
    const membership = caller.memberships.find((m) => m.teamId === requested || m.teamSlug === requested);
    // A team the caller is not in is reported as not found, never as forbidden (no leaking ids).
    if (!membership) throw new NotFound(`team: ${requested} not found`, [{ path: "team", message: "not found" }]);
    if (!hasTeamPermission(caller, membership.teamId, "environment:write")) {
      throw new Forbidden(`Your role in team ${membership.teamSlug} cannot create environments`);
    }
    return membership;
  }
  const writable = teamIdsWith(caller, "environment:write");
  if (writable.length === 0) throw new Forbidden("You are not a developer in any team, so you cannot create environments");
  if (writable.length > 1) throw invalidField("team", "you belong to several teams; say which one");
  return caller.memberships.find((m) => m.teamId === writable[0])!;
}

function requireVersion(targets: RequestTargets, input: { template: string; templateVersion?: number | undefined }) {
  const { template, version, latestRequestable } = targets;
  if (!template) throw new NotFound(`template: Template ${input.template} not found`, [{ path: "template", message: `Template ${input.template} not found` }]);
  if (template.archived) throw new Conflict(`template: Template ${template.slug} is archived and takes no new requests`, [{ path: "template", message: "is archived" }]);
  if (!version && !input.templateVersion) {
    throw new Conflict(`template: Template ${template.slug} has no version that can be requested (all are deprecated)`, [{ path: "template", message: "has no requestable version" }]);
  }
  if (!version) {
    const message = `Template ${template.slug} has no version ${input.templateVersion}`;
    throw new NotFound(`templateVersion: ${message}`, [{ path: "templateVersion", message }]);
  }
  if (version.deprecated) {
    const instead = latestRequestable ? `; request version ${latestRequestable} instead` : "";
    throw new Conflict(`templateVersion: Version ${version.version} of ${template.slug} is deprecated${instead}`, [{ path: "templateVersion", message: `version ${version.version} is deprecated${instead}` }]);
  }
  return { ...template, version };
}

function requireAccount(targets: RequestTargets, requested: string | undefined) {
  if (targets.account) return targets.account;
  throw requested
    ? new NotFound(`cloudAccount: ${requested} not found`, [{ path: "cloudAccount", message: "not found" }])
    : new Invalid("cloudAccount: no default cloud account is configured; an administrator must add one", [{ path: "cloudAccount", message: "required" }]);
}
