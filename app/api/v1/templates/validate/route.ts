import { route } from "@/app/_server/route";
import { validateTemplateSchema } from "@/lib/templates/schemas";
import { validateTemplateSource } from "@/lib/templates/validate-template-source";

export const dynamic = "force-dynamic";

/**
 * Check a source the way publishing does, writing nothing: `{source}` JSON, or the YAML as the
 * body (Content-Type: application/yaml) -> 200 `{valid, issues: [{path, message, line?, column?}]}`.
 * A template's problems are the answer, not an error; only a bad request (no source, too large) is 400.
 */
export const POST = route({ body: validateTemplateSchema }, async ({ caller, body }) => validateTemplateSource(caller, body.source));
