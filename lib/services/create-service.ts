// Create a service: check the team (developer or above), the template (one the team may use,
// not archived) and that the template's newest requestable version has the instance group; then
// write the service and its audit event in one transaction. Nothing is written when a check fails.
import type { Db, Tx } from "../db/client";
import { newId } from "../db/ids";
import { isUniqueViolation } from "../db/one-statement";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event";
import { Conflict, Forbidden, invalidField, NotFound } from "../errors";
import type { Caller } from "../identity/caller";
import { hasTeamPermission, teamIdsWith } from "../identity/permissions";
import type { TemplateSpec } from "../templates/template-spec";
import type { CreateServiceInput } from "./schemas";
import { serviceView, serviceViewInclude, type ServiceView } from "./service-view";

export async function createService(db: Db, caller: Caller, input: CreateServiceInput & { context?: RequestContext }): Promise<ServiceView> {
  const team = writableTeam(caller, input.team);
  const template = await requireTemplateGroup(db, team.teamId, input.template, input.instanceGroup);
  const id = newId();
  try {
    await db.$transaction(async (tx) => {
      await tx.service.create({
        data: {
          id,
          name: input.name,
          teamId: team.teamId,
          description: input.description,
          repositoryUrl: input.repositoryUrl ?? null,
          templateId: template.id,
          instanceGroup: input.instanceGroup,
          healthCheck: input.healthCheck,
          defaultStrategy: input.defaultStrategy,
          stableAddresses: input.stableAddresses,
          createdById: caller.userId,
        },
      });
      await recordAuditEvent(tx, {
        actor: { id: caller.userId, email: caller.email },
        action: "service.create",
        target: { type: "service", id },
        teamId: team.teamId,
        after: {
          name: input.name,
          description: input.description,
          repositoryUrl: input.repositoryUrl ?? null,
          template: `${template.slug}@${template.version}`,
          instanceGroup: input.instanceGroup,
          healthCheck: input.healthCheck,
          defaultStrategy: input.defaultStrategy,
          stableAddresses: input.stableAddresses,
        },
        context: input.context,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new Conflict(`name: team ${team.teamSlug} already has a service named ${input.name}`, [{ path: "name", message: "is already used by a service of this team" }]);
    }
    throw error;
  }
  // Read back outside the transaction: Prisma loads relations with parallel queries, which one
  // transaction's connection would have to queue.
  const row = await db.service.findUniqueOrThrow({ where: { id }, include: serviceViewInclude });
  return serviceView(row, caller);
}

function writableTeam(caller: Caller, requested: string | undefined): Caller["memberships"][number] {
  if (requested) {
    const membership = caller.memberships.find((m) => m.teamId === requested || m.teamSlug === requested);
    // A team the caller is not in is reported as not found, never as forbidden (no leaking ids).
    if (!membership) throw new NotFound(`team: ${requested} not found`, [{ path: "team", message: "not found" }]);
    if (!hasTeamPermission(caller, membership.teamId, "environment:write")) throw new Forbidden(`Your role in team ${membership.teamSlug} cannot create services`);
    return membership;
  }
  const writable = teamIdsWith(caller, "environment:write");
  if (writable.length === 0) throw new Forbidden("You are not a developer in any team, so you cannot create services");
  if (writable.length > 1) throw invalidField("team", "you belong to several teams; say which one");
  return caller.memberships.find((m) => m.teamId === writable[0])!;
}

/** The template (id or slug) the team may use, at its newest requestable version, which must have the group. */
async function requireTemplateGroup(db: Tx, teamId: string, reference: string, group: string) {
  const template = await db.template.findFirst({
    where: {
      AND: [
        { OR: [{ id: reference }, { slug: reference }] },
        { OR: [{ sharedWithAll: true }, { ownerTeamId: teamId }, { teams: { some: { teamId } } }] },
      ],
    },
    select: {
      id: true,
      slug: true,
      archivedAt: true,
      versions: { where: { deprecatedAt: null }, orderBy: { version: "desc" }, take: 1, select: { version: true, spec: true } },
    },
  });
  if (!template) throw new NotFound(`template: Template ${reference} not found`, [{ path: "template", message: `Template ${reference} not found` }]);
  if (template.archivedAt) throw new Conflict(`template: Template ${template.slug} is archived`, [{ path: "template", message: "is archived" }]);
  const latest = template.versions[0];
  if (!latest) throw new Conflict(`template: Template ${template.slug} has no version that can be requested (all are deprecated)`, [{ path: "template", message: "has no requestable version" }]);
  const groups = (latest.spec as TemplateSpec).instanceGroups.map((g) => g.name);
  if (!groups.includes(group)) {
    throw invalidField("instanceGroup", `version ${latest.version} of template ${template.slug} has no instance group ${group}; its groups are ${groups.join(", ")}`);
  }
  return { id: template.id, slug: template.slug, version: latest.version };
}
