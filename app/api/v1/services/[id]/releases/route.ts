import { NextResponse } from "next/server";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { createRelease } from "@/lib/releases/create-release";
import { listReleases } from "@/lib/releases/list-releases";
import { createReleaseSchema, listReleasesSchema } from "@/lib/releases/schemas";

export const dynamic = "force-dynamic";

/** Newest first, keyset-paginated (`cursor`, `limit`), `search` by version or commit SHA. */
export const GET = route({ query: listReleasesSchema }, ({ caller, params, query }) => listReleases(web().db, caller, { ...query, service: params.id! }));

/** Releases are immutable: there is no update route, and a used version is a 409. */
export const POST = route({ body: createReleaseSchema }, async ({ caller, params, body, context }) => {
  const release = await createRelease(web().db, caller, { ...body, service: params.id!, context });
  const location = `/api/v1/services/${release.service.id}/releases/${encodeURIComponent(release.version)}`;
  return NextResponse.json(release, { status: 201, headers: { location } });
});
