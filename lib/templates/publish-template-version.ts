// Publishing adds an immutable TemplateVersion; publishing the same source again is a no-op,
// which makes seeding and CI-driven publishing safe to repeat.
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { newId } from "../db/ids";
import { Forbidden, Invalid, isPrismaError } from "../errors";
import { recordAuditEvent, type AuditActor, type RequestContext } from "../audit/record-audit-event";
import { canPublishTemplates } from "../identity/permissions";
import type { Caller } from "../identity/caller";
import { parseTemplateSource } from "./parse-template-source";

export type PublishInput = { slug: string; source: string; context?: RequestContext };
export type PublishResult = { templateId: string; versionId: string; version: number; created: boolean };

const SLUG = /^[a-z][a-z0-9-]{1,62}$/;

export async function publishTemplateVersion(db: Db, publisher: Caller | { system: string }, input: PublishInput): Promise<PublishResult> {
  if ("userId" in publisher && !canPublishTemplates(publisher)) throw new Forbidden("Publishing templates needs the platform or admin role");
  if (!SLUG.test(input.slug)) throw new Invalid("slug: lower-case letters, digits and dashes", [{ path: "slug", message: "lower-case letters, digits and dashes, 2-63 characters" }]);
  const parsed = parseTemplateSource(input.source);
  if (!parsed.ok) throw new Invalid(`Template is invalid: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, parsed.issues);
  const { spec } = parsed;
  const actor: AuditActor = "userId" in publisher ? { id: publisher.userId, email: publisher.email } : publisher;

  try {
    return await db.$transaction(async (tx) => {
      const template = await tx.template.upsert({
        where: { slug: input.slug },
        create: { id: newId(), slug: input.slug, name: spec.name, description: spec.description },
        update: { name: spec.name, description: spec.description },
      });
      const latest = await tx.templateVersion.findFirst({ where: { templateId: template.id }, orderBy: { version: "desc" } });
      if (latest && latest.source === input.source) {
        return { templateId: template.id, versionId: latest.id, version: latest.version, created: false };
      }
      const version = await tx.templateVersion.create({
        data: {
          id: newId(),
          templateId: template.id,
          version: (latest?.version ?? 0) + 1,
          source: input.source,
          spec: spec as unknown as Prisma.InputJsonValue,
          createdById: "userId" in publisher ? publisher.userId : null,
        },
      });
      await recordAuditEvent(tx, {
        actor,
        action: "template.publish",
        target: { type: "template", id: template.id },
        after: { slug: input.slug, version: version.version },
        context: input.context,
      });
      return { templateId: template.id, versionId: version.id, version: version.version, created: true };
    });
  } catch (error) {
    // Two publishers raced for the same next version number.
    if (isPrismaError(error, "P2002")) throw new Invalid("Another version was published at the same time; try again");
    throw error;
  }
}
