// A dry run of publishing's checks for the editor: the same parser and validation as
// publish-template-version.ts (parseTemplateSource), so a source this accepts publishes and one
// it refuses is refused with the same issues. Nothing is read from or written to the database.
import { Forbidden, Invalid, type FieldIssue } from "../errors";
import type { Caller } from "../identity/caller";
import { canPublishTemplates } from "../identity/permissions";
import { parseTemplateSource, sourceSizeIssue } from "./parse-template-source";

export type TemplateValidation = { valid: boolean; issues: FieldIssue[] };

export function validateTemplateSource(caller: Caller, source: string): TemplateValidation {
  if (!canPublishTemplates(caller)) throw new Forbidden("Checking templates needs the platform or admin role in a team");
  // Too large is a bad request, not a template problem: no editor should send it again as is.
  const tooLarge = sourceSizeIssue(source);
  if (tooLarge) throw new Invalid(`source: ${tooLarge.message}`, [tooLarge]);
  const parsed = parseTemplateSource(source);
  return parsed.ok ? { valid: true, issues: [] } : { valid: false, issues: parsed.issues };
}
