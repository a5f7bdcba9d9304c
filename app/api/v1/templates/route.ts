import { NextResponse } from "next/server";
import { z } from "zod";
import { isYamlBody, parseInput, route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { listTemplates } from "@/lib/templates/list-templates";
import { createTemplate } from "@/lib/templates/publish-template-version";
import { createTemplateSchema, yamlCreateQuerySchema } from "@/lib/templates/schemas";
import { keysetQueryFields, searchQueryField } from "@/lib/pagination/keyset";

export const dynamic = "force-dynamic";

const query = z.object({ ...keysetQueryFields(50), search: searchQueryField, archived: z.enum(["include", "exclude"]).default("exclude") }).strict();

/** The templates the caller may use, by name, in keyset pages: `search` (name, slug), `archived`, `cursor`, `limit`. */
export const GET = route({ query }, ({ caller, query }) =>
  listTemplates(web().db, caller, { search: query.search, cursor: query.cursor, limit: query.limit, includeArchived: query.archived === "include" }),
);

/** Create a template with its first version: JSON `{slug, source, ...}`, or the YAML as the body with `?slug=`. */
export const POST = route({ body: z.unknown() }, async ({ caller, body, request, context }) => {
  const input = isYamlBody(request)
    ? { ...parseInput(yamlCreateQuerySchema, Object.fromEntries(request.nextUrl.searchParams), "query"), source: (body as { source: string }).source }
    : parseInput(createTemplateSchema, body);
  const result = await createTemplate(web().db, caller, { ...input, context });
  return NextResponse.json(result, { status: 201, headers: { location: `/api/v1/templates/${result.slug}` } });
});
