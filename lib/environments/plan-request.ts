// Everything a request is checked against before anything is written: the team, the template
// (one the team may use, not archived, its version not deprecated), the parameters against the
// template's JSON Schema (defaults applied), the lease, the account and region, and the plan the
// template resolves to. Shared by the request and its preview, so a preview shows exactly what
// a request would create, and refuses exactly what it would refuse.
import type { Db } from "../db/client";
import { newId } from "../db/ids";
import { Conflict, Forbidden, Invalid, invalidField, NotFound } from "../errors";
import type { Caller } from "../identity/caller";
import { hasTeamPermission, teamIdsWith } from "../identity/permissions";
import { formatDuration, parseDuration } from "../templates/durations";
import { assertLiveValues, type LiveCheckDeps } from "../templates/live-options/check-live-values";
import { resolvePlan, type Plan } from "../templates/resolve-plan";
import type { TemplateSpec } from "../templates/template-spec";
import { validateParameters } from "../templates/validate-parameters";
import { findRequestTargets, type RequestTargets } from "./request-targets";

export type PlanRequestInput = {
  /** The environment's name (a placeholder in a preview without one). */
  name: string;
  template: string;
  templateVersion?: number | undefined;
  team?: string | undefined;
  parameters: Record<string, unknown>;
  ttl?: string | number | undefined;
  cloudAccount?: string | undefined;
  region?: string | undefined;
};

export type PlannedRequest = {
  team: Caller["memberships"][number];
  template: { id: string; slug: string; version: { id: string; version: number; spec: TemplateSpec } };
  /** The parameters as validated, defaults filled in: what the environment records. */
  parameters: Record<string, unknown>;
  ttlSeconds: number;
  account: { id: string; name: string; regions: string[]; defaultRegion: string };
  region: string;
  environmentId: string;
  plan: Plan;
};

export async function planRequest(db: Db, caller: Caller, input: PlanRequestInput, environmentId = newId(), live: LiveCheckDeps = {}): Promise<PlannedRequest> {
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
  // Parameters whose options come from the cloud must still be offered there (a 400 at their path).
  await assertLiveValues(live, { schema: spec.parameters, values: parameters.value, account: account.id, region });

  const planned = resolvePlan(spec, { params: parameters.value, env: { id: environmentId, name: input.name, region, team: team.teamSlug } });
  if (!planned.ok) throw new Invalid(`This template cannot be planned with these parameters: ${planned.issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, planned.issues);
  return { team, template, parameters: parameters.value, ttlSeconds, account, region, environmentId, plan: planned.plan };
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
    : new Invalid("cloudAccount: there is no default cloud account this team may use; choose one, or ask an administrator to share one with the team", [
        { path: "cloudAccount", message: "no default cloud account this team may use; choose one" },
      ]);
}
