import { z } from "zod";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { diffTemplateVersions } from "@/lib/templates/diff-template-versions";

export const dynamic = "force-dynamic";

const version = z.coerce.number().int().positive().max(2_147_483_647);
const query = z.object({ from: version, to: version }).strict();

/** Two versions' YAML side by side (rows of left/right lines), with counts of added and removed lines. */
export const GET = route({ query }, ({ caller, params, query }) => diffTemplateVersions(web().db, caller, params.id!, query.from, query.to));
