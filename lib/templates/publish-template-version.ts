// Templates enter Hangar by one code path, whatever the door (the editor, the API, a synced
// folder, the demo seed): the YAML is parsed and checked (problems at their path, line and
// column), then an immutable TemplateVersion is written with who, when and an optional change
// note, together with its audit event. Publishing the source the latest version already has is
// a no-op, which makes seeding and syncing safe to repeat; publishing on a stale base version
// (someone published in between) is a conflict naming both versions.
import type { Db, Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { newId } from "../db/ids";
import { Conflict, Forbidden, Invalid, invalidField, isPrismaError, NotFound } from "../errors";
import { recordAuditEvent, type AuditActor, type RequestContext } from "../audit/record-audit-event";
import type { Caller } from "../identity/caller";
import { parseTemplateSource } from "./parse-template-source";
import { suggestName } from "../names/lowercase-name";
import { canManageTemplate, templateTeams, usableTemplateWhere } from "./template-access";
import type { TemplateSpec } from "./template-spec";

export type PublishResult = { templateId: string; slug: string; versionId: string; version: number; created: boolean };
export type SystemPublisher = { system: string };

export const TEMPLATE_SLUG = /^[a-z][a-z0-9-]{1,62}$/;
/** Names the web app uses next to slugs (/templates/new, /api/v1/templates/validate|sync): a template so named would be unreachable. */
export const RESERVED_TEMPLATE_SLUGS: readonly string[] = ["new", "validate", "sync"];

function parseOrThrow(source: string): TemplateSpec {
  const parsed = parseTemplateSource(source);
  if (!parsed.ok) {
    const first = parsed.issues[0]!;
    const where = first.line ? ` (line ${first.line}, column ${first.column})` : "";
    const more = parsed.issues.length > 1 ? ` and ${parsed.issues.length - 1} more` : "";
    throw new Invalid(`Template is invalid: ${first.path}: ${first.message}${where}${more}`, parsed.issues);
  }
  return parsed.spec;
}

function checkSlug(slug: string): void {
  if (!TEMPLATE_SLUG.test(slug)) {
    const suggestion = suggestName(slug, { max: 63, min: 2, letterFirst: true, example: "web-dev" });
    throw invalidField("slug", `lower-case letters, digits and dashes, starting with a letter, 2-63 characters${suggestion ? `: try '${suggestion}'` : ""}`);
  }
  if (RESERVED_TEMPLATE_SLUGS.includes(slug)) throw invalidField("slug", `"${slug}" is reserved by Hangar's own pages and API; choose another`);
}

const actorOf = (publisher: Caller | SystemPublisher): AuditActor => ("userId" in publisher ? { id: publisher.userId, email: publisher.email } : publisher);

type TemplateRow = { id: string; slug: string; archivedAt: Date | null };

/** Writes version latest+1 of a template whose row the transaction holds locked. */
async function addVersion(
  tx: Tx,
  template: TemplateRow,
  input: { source: string; spec: TemplateSpec; changeNote?: string | undefined; baseVersion?: number | undefined; publisher: Caller | SystemPublisher; context?: RequestContext | undefined },
): Promise<PublishResult> {
  const latest = await tx.templateVersion.findFirst({ where: { templateId: template.id }, orderBy: { version: "desc" }, select: { id: true, version: true, source: true } });
  if (input.baseVersion !== undefined && latest && latest.version !== input.baseVersion) {
    throw new Conflict(`Version ${latest.version} of ${template.slug} was published after version ${input.baseVersion}, which this change is based on: compare with it and publish again`, [
      { path: "baseVersion", message: `is ${input.baseVersion}; the latest version is ${latest.version}` },
    ]);
  }
  if (latest && latest.source === input.source) return { templateId: template.id, slug: template.slug, versionId: latest.id, version: latest.version, created: false };
  const version = await tx.templateVersion.create({
    data: {
      id: newId(),
      templateId: template.id,
      version: (latest?.version ?? 0) + 1,
      source: input.source,
      spec: input.spec as unknown as Prisma.InputJsonValue,
      changeNote: input.changeNote?.trim() || null,
      createdById: "userId" in input.publisher ? input.publisher.userId : null,
    },
  });
  await tx.template.update({ where: { id: template.id }, data: { name: input.spec.name, description: input.spec.description } });
  await recordAuditEvent(tx, {
    actor: actorOf(input.publisher),
    action: "template.publish",
    target: { type: "template", id: template.id },
    after: { slug: template.slug, version: version.version, changeNote: version.changeNote },
    context: input.context,
  });
  return { templateId: template.id, slug: template.slug, versionId: version.id, version: version.version, created: true };
}

/** Two publishers raced for the same next version number. */
function raced(error: unknown): never {
  if (isPrismaError(error, "P2002")) throw new Conflict("Another version was published at the same moment; look at it and publish again");
  throw error;
}

/** Resolves team slugs or ids to ids; unknown ones are 400 at their index. */
async function teamIdsFor(tx: Tx, teams: string[], path: string): Promise<string[]> {
  const rows = await tx.team.findMany({ where: { OR: [{ id: { in: teams } }, { slug: { in: teams } }] }, select: { id: true, slug: true } });
  const ids = teams.map((team, index) => {
    const row = rows.find((r) => r.id === team || r.slug === team);
    if (!row) throw invalidField(`${path}.${index}`, `team ${team} does not exist`);
    return row.id;
  });
  return [...new Set(ids)];
}

export type CreateTemplateInput = {
  slug: string;
  source: string;
  changeNote?: string | undefined;
  /** The owning team (slug or id); needed when the caller maintains templates in several teams. */
  ownerTeam?: string | undefined;
  /** "all" (default) or the teams (slugs or ids) that may use it. */
  sharedWith?: "all" | string[] | undefined;
  context?: RequestContext | undefined;
};

/** A new template with its first version (platform or admin role in the owning team). */
export async function createTemplate(db: Db, caller: Caller, input: CreateTemplateInput): Promise<PublishResult> {
  checkSlug(input.slug);
  const spec = parseOrThrow(input.source);
  const allowed = templateTeams(caller);
  let ownerTeamId: string | null;
  if (input.ownerTeam) {
    const membership = caller.memberships.find((m) => m.teamId === input.ownerTeam || m.teamSlug === input.ownerTeam);
    if (!membership) throw new NotFound(`ownerTeam: ${input.ownerTeam} not found`, [{ path: "ownerTeam", message: "not found" }]);
    if (!allowed.includes(membership.teamId)) throw new Forbidden(`Publishing templates for team ${membership.teamSlug} needs the platform or admin role in it`);
    ownerTeamId = membership.teamId;
  } else if (allowed.length === 1) {
    ownerTeamId = allowed[0]!;
  } else if (allowed.length === 0) {
    if (!caller.isAdmin) throw new Forbidden("Publishing templates needs the platform or admin role in a team");
    ownerTeamId = null;
  } else {
    throw invalidField("ownerTeam", "you maintain templates in several teams; say which one owns this template");
  }
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.template.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
        throw new Conflict(`A template with the slug ${input.slug} already exists: publish a new version of it instead`, [{ path: "slug", message: "is already used" }]);
      }
      const sharedWith = input.sharedWith === undefined || input.sharedWith === "all" ? null : await teamIdsFor(tx, input.sharedWith, "sharedWith");
      const template = await tx.template.create({
        data: {
          id: newId(),
          slug: input.slug,
          name: spec.name,
          description: spec.description,
          ownerTeamId,
          sharedWithAll: sharedWith === null,
          ...(sharedWith ? { teams: { create: sharedWith.map((teamId) => ({ teamId })) } } : {}),
        },
      });
      await recordAuditEvent(tx, {
        actor: actorOf(caller),
        action: "template.create",
        target: { type: "template", id: template.id },
        teamId: ownerTeamId,
        after: { slug: template.slug, ownerTeamId, sharedWith: sharedWith ?? "all" },
        context: input.context,
      });
      return addVersion(tx, template, { source: input.source, spec, changeNote: input.changeNote, publisher: caller, context: input.context });
    });
  } catch (error) {
    raced(error);
  }
}

export type PublishInput = { template: string; source: string; baseVersion?: number | undefined; changeNote?: string | undefined; context?: RequestContext | undefined };

/** A new version of an existing template (who may: see canManageTemplate). */
export async function publishTemplateVersion(db: Db, caller: Caller, input: PublishInput): Promise<PublishResult> {
  const spec = parseOrThrow(input.source);
  try {
    return await db.$transaction(async (tx) => {
      const template = await tx.template.findFirst({ where: { AND: [{ OR: [{ id: input.template }, { slug: input.template }] }, usableTemplateWhere(caller)] } });
      if (!template) throw new NotFound(`Template ${input.template} not found`);
      if (!canManageTemplate(caller, template)) throw new Forbidden(`Publishing ${template.slug} needs the platform or admin role in the team that owns it`);
      if (template.archivedAt) throw new Conflict(`Template ${template.slug} is archived; restore it before publishing to it`);
      await tx.$queryRaw`SELECT "id" FROM "Template" WHERE "id" = ${template.id} FOR UPDATE`;
      return addVersion(tx, template, { source: input.source, spec, baseVersion: input.baseVersion, changeNote: input.changeNote, publisher: caller, context: input.context });
    });
  } catch (error) {
    raced(error);
  }
}

/**
 * The system's door (the demo seed, a synced folder, whoever asked for the sync): creates the
 * template (shared with every team, owned by none) or publishes the source as a new version when
 * it changed.
 */
export async function syncTemplateSource(db: Db, publisher: Caller | SystemPublisher, input: { slug: string; source: string; changeNote?: string }): Promise<PublishResult> {
  checkSlug(input.slug);
  const spec = parseOrThrow(input.source);
  try {
    return await db.$transaction(async (tx) => {
      const template = await tx.template.upsert({
        where: { slug: input.slug },
        create: { id: newId(), slug: input.slug, name: spec.name, description: spec.description },
        update: {},
      });
      await tx.$queryRaw`SELECT "id" FROM "Template" WHERE "id" = ${template.id} FOR UPDATE`;
      return addVersion(tx, template, { source: input.source, spec, changeNote: input.changeNote, publisher });
    });
  } catch (error) {
    raced(error);
  }
}
