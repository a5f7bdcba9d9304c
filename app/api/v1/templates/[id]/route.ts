import { z } from "zod";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { getTemplate } from "@/lib/templates/list-templates";
import { updateTemplate } from "@/lib/templates/manage-template";
import { updateTemplateSchema } from "@/lib/templates/schemas";
import { templateSettings, templateView } from "@/lib/templates/api-schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

const query = z.object({ version: z.coerce.number().int().positive().max(2_147_483_647).optional() }).strict();

export const GET = route({ summary: "A template by id or slug, with its latest (or `version`) version's spec and source", params: idParams, query, response: templateView }, ({ caller, params, query }) => getTemplate(web().db, caller, params.id, query.version));

export const PATCH = route({ summary: "Archive or restore a template, change which teams may use it or its upgrade policy", params: idParams, body: updateTemplateSchema, response: templateSettings }, ({ caller, params, body, context }) => updateTemplate(web().db, caller, params.id, { ...body, context }));
