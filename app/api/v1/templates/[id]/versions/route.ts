import { NextResponse } from "next/server";
import { z } from "zod";
import { isYamlBody, parseInput, route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { listTemplateVersions } from "@/lib/templates/list-templates";
import { publishTemplateVersion } from "@/lib/templates/publish-template-version";
import { publishVersionSchema, yamlPublishQuerySchema } from "@/lib/templates/schemas";

export const dynamic = "force-dynamic";

/** Every version, newest first: who published it when, its change note, deprecation, live environments. */
export const GET = route({}, async ({ caller, params }) => ({ items: await listTemplateVersions(web().db, caller, params.id!) }));

/** Publish a new version: JSON `{source, baseVersion?, changeNote?}`, or the YAML as the body (`?baseVersion=`). */
export const POST = route({ body: z.unknown() }, async ({ caller, params, body, request, context }) => {
  const input = isYamlBody(request)
    ? { ...parseInput(yamlPublishQuerySchema, Object.fromEntries(request.nextUrl.searchParams), "query"), source: (body as { source: string }).source }
    : parseInput(publishVersionSchema, body);
  const result = await publishTemplateVersion(web().db, caller, { ...input, template: params.id!, context });
  return NextResponse.json(result, { status: result.created ? 201 : 200 });
});
