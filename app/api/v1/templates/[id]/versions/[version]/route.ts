import { z } from "zod";
import { parseInput, route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { getTemplate } from "@/lib/templates/list-templates";
import { setVersionDeprecated } from "@/lib/templates/manage-template";
import { updateVersionSchema } from "@/lib/templates/schemas";
import { templateView, versionDeprecation } from "@/lib/templates/api-schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

const versionNumber = z.coerce.number().int().positive().max(2_147_483_647);
// Documents the path; the handlers parse the number themselves (errors at `version`).
const params = idParams.extend({ version: z.string().regex(/^\d+$/).meta({ description: "A version number" }) });

export const GET = route({ summary: "One version of a template, with its spec and source", params, response: templateView }, ({ caller, params }) => getTemplate(web().db, caller, params.id, parseInput(versionNumber, params.version, "version")));

export const PATCH = route({ summary: "Deprecate a version (no new requests on it) or restore it", params, body: updateVersionSchema, response: versionDeprecation }, ({ caller, params, body, context }) =>
  setVersionDeprecated(web().db, caller, { template: params.id, version: parseInput(versionNumber, params.version, "version"), deprecated: body.deprecated, context }),
);
