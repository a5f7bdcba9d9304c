import { z } from "zod";
import { parseInput, route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { getTemplate } from "@/lib/templates/list-templates";
import { setVersionDeprecated } from "@/lib/templates/manage-template";
import { updateVersionSchema } from "@/lib/templates/schemas";

export const dynamic = "force-dynamic";

const versionNumber = z.coerce.number().int().positive().max(2_147_483_647);

export const GET = route({}, ({ caller, params }) => getTemplate(web().db, caller, params.id!, parseInput(versionNumber, params.version, "version")));

/** Deprecate a version (no new requests on it) or restore it. */
export const PATCH = route({ body: updateVersionSchema }, ({ caller, params, body, context }) =>
  setVersionDeprecated(web().db, caller, { template: params.id!, version: parseInput(versionNumber, params.version, "version"), deprecated: body.deprecated, context }),
);
