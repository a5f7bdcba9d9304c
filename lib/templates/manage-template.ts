// Changing a template's standing: archive or restore it, choose which teams may use it, and
// deprecate or restore its versions. Every change is audited with before/after.
import type { Db } from "../db/client";
import { Conflict, Forbidden, invalidField, NotFound } from "../errors";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event";
import type { Caller } from "../identity/caller";
import type { UpgradePolicy } from "../db/generated/client";
import { canManageTemplate, usableTemplateWhere } from "./template-access";

async function findManaged(db: Pick<Db, "template">, caller: Caller, idOrSlug: string) {
  const template = await db.template.findFirst({
    where: { AND: [{ OR: [{ id: idOrSlug }, { slug: idOrSlug }] }, usableTemplateWhere(caller)] },
    include: { teams: { select: { teamId: true, team: { select: { slug: true } } } } },
  });
  if (!template) throw new NotFound(`Template ${idOrSlug} not found`);
  if (!canManageTemplate(caller, template)) throw new Forbidden(`Changing ${template.slug} needs the platform or admin role in the team that owns it`);
  return template;
}

export type TemplateUpdate = {
  archived?: boolean | undefined;
  sharedWith?: "all" | string[] | undefined;
  upgradePolicy?: UpgradePolicy | undefined;
  context?: RequestContext | undefined;
};

export async function updateTemplate(
  db: Db,
  caller: Caller,
  idOrSlug: string,
  input: TemplateUpdate,
): Promise<{ id: string; slug: string; archived: boolean; sharedWith: "all" | string[]; upgradePolicy: UpgradePolicy }> {
  return db.$transaction(async (tx) => {
    const template = await findManaged(tx, caller, idOrSlug);
    let teamIds: string[] | null = template.sharedWithAll ? null : template.teams.map((t) => t.teamId);
    if (input.sharedWith !== undefined) {
      if (input.sharedWith === "all") teamIds = null;
      else {
        const rows = await tx.team.findMany({ where: { OR: [{ id: { in: input.sharedWith } }, { slug: { in: input.sharedWith } }] }, select: { id: true, slug: true } });
        teamIds = input.sharedWith.map((team, index) => {
          const row = rows.find((r) => r.id === team || r.slug === team);
          if (!row) throw invalidField(`sharedWith.${index}`, `team ${team} does not exist`);
          return row.id;
        });
        teamIds = [...new Set(teamIds)];
      }
      await tx.templateTeam.deleteMany({ where: { templateId: template.id } });
      if (teamIds) await tx.templateTeam.createMany({ data: teamIds.map((teamId) => ({ templateId: template.id, teamId })) });
    }
    const archivedAt = input.archived === undefined ? template.archivedAt : input.archived ? (template.archivedAt ?? new Date()) : null;
    const upgradePolicy = input.upgradePolicy ?? template.upgradePolicy;
    await tx.template.update({ where: { id: template.id }, data: { archivedAt, sharedWithAll: teamIds === null, upgradePolicy } });
    const slugs = teamIds ? (await tx.team.findMany({ where: { id: { in: teamIds } }, select: { slug: true } })).map((t) => t.slug).sort() : "all";
    await recordAuditEvent(tx, {
      actor: { id: caller.userId, email: caller.email },
      action: "template.update",
      target: { type: "template", id: template.id },
      teamId: template.ownerTeamId,
      before: { archived: template.archivedAt !== null, sharedWith: template.sharedWithAll ? "all" : template.teams.map((t) => t.team.slug).sort(), upgradePolicy: template.upgradePolicy },
      after: { archived: archivedAt !== null, sharedWith: slugs, upgradePolicy },
      context: input.context,
    });
    return { id: template.id, slug: template.slug, archived: archivedAt !== null, sharedWith: slugs, upgradePolicy };
  });
}

/** Deprecated versions take no new requests; environments on them keep running and can be upgraded away. */
export async function setVersionDeprecated(
  db: Db,
  caller: Caller,
  input: { template: string; version: number; deprecated: boolean; context?: RequestContext | undefined },
): Promise<{ version: number; deprecatedAt: Date | null }> {
  return db.$transaction(async (tx) => {
    const template = await findManaged(tx, caller, input.template);
    const version = await tx.templateVersion.findUnique({ where: { templateId_version: { templateId: template.id, version: input.version } } });
    if (!version) throw new NotFound(`Template ${template.slug} has no version ${input.version}`, [{ path: "version", message: `no version ${input.version}` }]);
    if (input.deprecated && !version.deprecatedAt) {
      const others = await tx.templateVersion.count({ where: { templateId: template.id, deprecatedAt: null, id: { not: version.id } } });
      if (others === 0) throw new Conflict(`Version ${version.version} is the only version of ${template.slug} that can be requested; publish a newer one or archive the template instead`);
    }
    const deprecatedAt = input.deprecated ? (version.deprecatedAt ?? new Date()) : null;
    await tx.templateVersion.update({ where: { id: version.id }, data: { deprecatedAt } });
    await recordAuditEvent(tx, {
      actor: { id: caller.userId, email: caller.email },
      action: input.deprecated ? "template.version.deprecate" : "template.version.restore",
      target: { type: "template", id: template.id },
      teamId: template.ownerTeamId,
      before: { version: version.version, deprecated: version.deprecatedAt !== null },
      after: { version: version.version, deprecated: deprecatedAt !== null },
      context: input.context,
    });
    return { version: version.version, deprecatedAt };
  });
}
