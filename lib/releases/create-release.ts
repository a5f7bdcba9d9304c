// Create a release of a service the caller may change (developer or above in its team; another
// team's service is not found): the release and its audit event in one transaction. Releases are
// immutable, so a version already used by the service is a 409, never an overwrite.
import type { Db, Tx } from "../db/client";
import { newId } from "../db/ids";
import { isUniqueViolation } from "../db/one-statement";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event";
import { Conflict, Invalid } from "../errors";
import type { Caller } from "../identity/caller";
import { findWritableService } from "../services/find-service";
import { releaseView, releaseViewInclude, type ReleaseView } from "./release-view";
import { classifyArtifact, type CreateReleaseInput } from "./schemas";

export async function createRelease(db: Db, caller: Caller, input: CreateReleaseInput & { service: string; context?: RequestContext }): Promise<ReleaseView> {
  const service = await findWritableService(db, caller, input.service);
  return insertRelease(db, service, input, { author: { id: caller.userId, email: caller.email }, context: input.context });
}

/** Who created a release: a person, or a system such as the CI webhook (no user row). */
export type ReleaseAuthor = { id: string; email: string } | { system: string };

/**
 * Writes a release of a service the caller was already authorized for, with its audit event and
 * whatever else `alsoWrite` adds (the webhook's delivery row) in one transaction.
 */
export async function insertRelease(
  db: Db,
  service: { id: string; name: string; teamId: string },
  input: CreateReleaseInput,
  options: { author: ReleaseAuthor; context?: RequestContext; audit?: Record<string, unknown>; alsoWrite?: (tx: Tx, releaseId: string) => Promise<void> },
): Promise<ReleaseView> {
  const artifact = classifyArtifact(input.artifact);
  // The schema already refused it; this keeps the type honest if someone skips the schema.
  if ("problem" in artifact) throw new Invalid(`artifact: ${artifact.problem}`, [{ path: "artifact", message: artifact.problem }]);
  const id = newId();
  try {
    await db.$transaction(async (tx) => {
      await tx.release.create({
        data: {
          id,
          serviceId: service.id,
          version: input.version,
          artifactType: artifact.type,
          artifact: input.artifact,
          config: input.config,
          commitSha: input.commitSha ?? null,
          changelog: input.changelog,
          createdById: "id" in options.author ? options.author.id : null,
        },
      });
      await recordAuditEvent(tx, {
        actor: options.author,
        action: "release.create",
        target: { type: "release", id },
        teamId: service.teamId,
        after: { service: service.name, serviceId: service.id, version: input.version, artifact: input.artifact, config: input.config, commitSha: input.commitSha ?? null, ...options.audit },
        context: options.context,
      });
      await options.alsoWrite?.(tx, id);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const message = `service ${service.name} already has a release ${input.version}; releases are immutable, so give this one a new version`;
      throw new Conflict(`version: ${message}`, [{ path: "version", message }]);
    }
    throw error;
  }
  // Read back outside the transaction: Prisma loads relations with parallel queries, which one
  // transaction's connection would have to queue.
  const row = await db.release.findUniqueOrThrow({ where: { id }, include: releaseViewInclude });
  return releaseView(row);
}
