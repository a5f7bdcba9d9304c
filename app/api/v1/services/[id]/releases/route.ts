import { NextResponse } from "next/server";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { createRelease } from "@/lib/releases/create-release";
import { listReleases } from "@/lib/releases/list-releases";
import { createReleaseSchema, listReleasesSchema } from "@/lib/releases/schemas";
import { releaseList, releaseView } from "@/lib/releases/api-schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

export const GET = route(
  { summary: "The service's releases, newest first", description: "Keyset pages (`cursor`, `limit`); `search` by version or commit SHA.", params: idParams, query: listReleasesSchema, response: releaseList },
  ({ caller, params, query }) => listReleases(web().db, caller, { ...query, service: params.id }));

export const POST = route(
  { summary: "Create a release", description: "Releases are immutable: there is no update route, and a used version is a 409.", params: idParams, body: createReleaseSchema, response: releaseView, status: 201 },
  async ({ caller, params, body, context }) => {
  const release = await createRelease(web().db, caller, { ...body, service: params.id, context });
  const location = `/api/v1/services/${release.service.id}/releases/${encodeURIComponent(release.version)}`;
  return NextResponse.json(release, { status: 201, headers: { location } });
});
