// A service's releases, newest first, keyset-paginated (a service built on every merge gathers
// thousands): searchable by part of the version or the start of the commit SHA.
import { z } from "zod";
import type { Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import type { Caller } from "../identity/caller";
import { decodeCursor, keysetPageOf, type KeysetPage } from "../pagination/keyset";
import { findReadableService } from "../services/find-service";
import { releaseView, releaseViewInclude, type ReleaseView } from "./release-view";
import type { ListReleasesInput } from "./schemas";

/** A row's place in the order: created at (ISO), then id to break ties. */
const releaseKey = z.tuple([z.iso.datetime(), z.string().max(100)]);

export async function listReleases(db: Tx, caller: Caller, input: ListReleasesInput & { service: string }): Promise<KeysetPage<ReleaseView>> {
  const service = await findReadableService(db, caller, input.service);
  const cursor = decodeCursor(input.cursor, releaseKey);
  const where: Prisma.ReleaseWhereInput = {
    serviceId: service.id,
    ...(input.search
      ? { OR: [{ version: { contains: input.search, mode: "insensitive" } }, { commitSha: { startsWith: input.search.toLowerCase() } }] }
      : {}),
  };
  const backwards = cursor?.direction === "before";
  const seek: Prisma.ReleaseWhereInput | undefined = cursor
    ? (() => {
        const at = new Date(cursor.key[0]);
        const id = cursor.key[1];
        // Newest first: "after" a row is older than it, "before" is newer.
        return backwards
          ? { OR: [{ createdAt: { gt: at } }, { createdAt: at, id: { gt: id } }] }
          : { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: id } }] };
      })()
    : undefined;
  const order = backwards ? "asc" : "desc";
  const [rows, total] = await Promise.all([
    db.release.findMany({
      where: seek ? { AND: [where, seek] } : where,
      orderBy: [{ createdAt: order }, { id: order }],
      take: input.limit + 1,
      include: releaseViewInclude,
    }),
    db.release.count({ where }),
  ]);
  return keysetPageOf(rows.map(releaseView), { limit: input.limit, total, cursor, keyOf: (row) => [row.createdAt.toISOString(), row.id] as [string, string] });
}
