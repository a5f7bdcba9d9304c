import type { Tx } from "../db/client";
import { NotFound } from "../errors";
import type { Caller } from "../identity/caller";
import { findReadableService } from "../services/find-service";
import { releaseView, releaseViewInclude, type ReleaseView } from "./release-view";

/** One release of a service the caller's teams may read, by its version. */
export async function getRelease(db: Tx, caller: Caller, input: { service: string; version: string }): Promise<ReleaseView> {
  const service = await findReadableService(db, caller, input.service);
  const row = await db.release.findUnique({ where: { serviceId_version: { serviceId: service.id, version: input.version } }, include: releaseViewInclude });
  if (!row) throw new NotFound(`Service ${service.name} has no release ${input.version}`, [{ path: "version", message: "not found" }]);
  return releaseView(row);
}
