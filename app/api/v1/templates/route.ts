import { NextResponse } from "next/server";
import { z } from "zod";
import { isYamlBody, parseInput, route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { listTemplates } from "@/lib/templates/list-templates";
import { createTemplate } from "@/lib/templates/publish-template-version";
import { createTemplateSchema, yamlCreateQuerySchema } from "@/lib/templates/schemas";
import { keysetQueryFields, searchQueryField } from "@/lib/pagination/keyset";
import { publishedVersion, templateList } from "@/lib/templates/api-schemas";

export const dynamic = "force-dynamic";

const query = z.object({ ...keysetQueryFields(50), search: searchQueryField, archived: z.enum(["include", "exclude"]).default("exclude") }).strict();

export const GET = route(
  { summary: "The templates you may use, by name", description: "Keyset pages: `search` (name, slug), `archived`, `cursor`, `limit`.", query, response: templateList },
  ({ caller, query }) =>
  listTemplates(web().db, caller, { search: query.search, cursor: query.cursor, limit: query.limit, includeArchived: query.archived === "include" }),
);

export const POST = route(
  {
    summary: "Create a template with its first version (platform or admin role)",
    description: "JSON `{slug, source, ...}`, or the YAML as the body with `?slug=`.",
    body: z.unknown(),
    documentedBody: createTemplateSchema,
    alsoAccepts: ["application/yaml"],
    response: publishedVersion,
    status: 201,
  },
  async ({ caller, body, request, context }) => {
  const input = isYamlBody(request)
    ? { ...parseInput(yamlCreateQuerySchema, Object.fromEntries(request.nextUrl.searchParams), "query"), source: (body as { source: string }).source }
    : parseInput(createTemplateSchema, body);
  const result = await createTemplate(web().db, caller, { ...input, context });
  return NextResponse.json(result, { status: 201, headers: { location: `/api/v1/templates/${result.slug}` } });
});
