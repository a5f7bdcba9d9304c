import { NextResponse } from "next/server";
import { z } from "zod";
import { isYamlBody, parseInput, route } from "@/app/_server/route";
import { enqueueNow, web } from "@/app/_server/runtime";
import { upgradeAfterPublish } from "@/lib/environments/upgrade-batches";
import { listTemplateVersions } from "@/lib/templates/list-templates";
import { publishTemplateVersion } from "@/lib/templates/publish-template-version";
import { publishVersionSchema, yamlPublishQuerySchema } from "@/lib/templates/schemas";
import { publishedVersion, versionList } from "@/lib/templates/api-schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

export const GET = route({ summary: "Every version, newest first: who published it when, its change note, deprecation, live environments", params: idParams, response: versionList }, async ({ caller, params }) => ({ items: await listTemplateVersions(web().db, caller, params.id) }));

export const POST = route(
  {
    summary: "Publish a new version (platform or admin role)",
    description: "JSON `{source, baseVersion?, changeNote?}`, or the YAML as the body (`?baseVersion=`). 201 with the version; 200 with `created: false` when the source equals the latest; a `baseVersion` older than the latest is a 409.",
    params: idParams,
    body: z.unknown(),
    documentedBody: publishVersionSchema,
    alsoAccepts: ["application/yaml"],
    response: publishedVersion,
    status: [201, 200],
  },
  async ({ caller, params, body, request, context }) => {
  const input = isYamlBody(request)
    ? { ...parseInput(yamlPublishQuerySchema, Object.fromEntries(request.nextUrl.searchParams), "query"), source: (body as { source: string }).source }
    : parseInput(publishVersionSchema, body);
  const result = await publishTemplateVersion(web().db, caller, { ...input, template: params.id, context });
  // A template whose upgrade policy is automatic upgrades its environments to the new version.
  if (!result.created) return NextResponse.json(result, { status: 200 });
  const { outbox, ...upgrades } = await upgradeAfterPublish(web().db, caller, result, { providers: web().providers });
  await enqueueNow(...outbox);
  return NextResponse.json({ ...result, ...(upgrades.batch || upgrades.error ? { upgrades } : {}) }, { status: 201 });
});
