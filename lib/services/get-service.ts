import type { Tx } from "../db/client";
import type { Caller } from "../identity/caller";
import { findReadableService } from "./find-service";
import { serviceView, serviceViewInclude, type ServiceView } from "./service-view";

/** A service the caller's teams may read, by id or name (404 otherwise). */
export async function getService(db: Tx, caller: Caller, reference: string): Promise<ServiceView> {
  const visible = await findReadableService(db, caller, reference);
  const row = await db.service.findUniqueOrThrow({ where: { id: visible.id }, include: serviceViewInclude });
  return serviceView(row, caller);
}
