import { z } from "zod";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { getTemplate } from "@/lib/templates/list-templates";

export const dynamic = "force-dynamic";

const query = z.object({ version: z.coerce.number().int().positive().optional() }).strict();

/** By id or slug: the template with its (latest or requested) version, spec and source. */
export const GET = route({ query }, ({ params, query }) => getTemplate(web().db, params.id!, query.version));
