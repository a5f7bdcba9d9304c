import { z } from "zod";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { getTemplate } from "@/lib/templates/list-templates";
import { updateTemplate } from "@/lib/templates/manage-template";
import { updateTemplateSchema } from "@/lib/templates/schemas";

export const dynamic = "force-dynamic";

const query = z.object({ version: z.coerce.number().int().positive().max(2_147_483_647).optional() }).strict();

/** By id or slug: the template with its (latest or requested) version, spec and source. */
export const GET = route({ query }, ({ caller, params, query }) => getTemplate(web().db, caller, params.id!, query.version));

/** Archive or restore it, or change which teams may use it. */
export const PATCH = route({ body: updateTemplateSchema }, ({ caller, params, body, context }) => updateTemplate(web().db, caller, params.id!, { ...body, context }));
