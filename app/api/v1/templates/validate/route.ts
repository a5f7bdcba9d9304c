import { route } from "@/app/_server/route";
import { validateTemplateSchema } from "@/lib/templates/schemas";
import { validateTemplateSource } from "@/lib/templates/validate-template-source";
import { validationResult } from "@/lib/templates/api-schemas";

export const dynamic = "force-dynamic";

export const POST = route(
  {
    summary: "Check a template source the way publishing does, writing nothing",
    description:
      "`{source}` JSON, or the YAML as the body (Content-Type: application/yaml). A template's problems are the answer (`valid: false` with issues at their line and column), not an error; only a bad request (no source, too large) is 400.",
    body: validateTemplateSchema,
    alsoAccepts: ["application/yaml"],
    response: validationResult,
  },
  async ({ caller, body }) => validateTemplateSource(caller, body.source));
