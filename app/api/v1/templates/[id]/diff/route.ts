import { z } from "zod";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { diffTemplateVersions } from "@/lib/templates/diff-template-versions";
import { versionDiff } from "@/lib/templates/api-schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

const version = z.coerce.number().int().positive().max(2_147_483_647);
const query = z.object({ from: version, to: version }).strict();

export const GET = route(
  { summary: "Two versions' YAML side by side (rows of left/right lines), with counts of added and removed lines", params: idParams, query, response: versionDiff },
  ({ caller, params, query }) => diffTemplateVersions(web().db, caller, params.id, query.from, query.to));
