import { NextResponse } from "next/server";
import { z } from "zod";
import { isYamlBody, parseInput, route } from "@/app/_server/route";
import { enqueueNow, web } from "@/app/_server/runtime";
import { upgradeOnPublish } from "@/lib/environments/upgrade-batches";
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
  // A template whose upgrade policy is automatic upgrades its environments to the new version.
  const upgrades = result.created ? await upgradeOnPublish(web().db, caller, result.templateId, result.version, { providers: web().providers }) : null;
  if (upgrades) await enqueueNow(...upgrades.outbox);
  const { outbox: _outbox, ...batch } = upgrades ?? { outbox: null };
  return NextResponse.json({ ...result, ...(upgrades ? { upgrades: batch } : {}) }, { status: result.created ? 201 : 200 });
});
