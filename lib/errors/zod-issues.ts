import type { ZodError } from "zod";
import { Invalid, type FieldIssue } from "./index";

/** zod issues as field issues; an unknown key is reported at its own path, not its parent's. */
export function zodIssues(error: ZodError, prefix?: string): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const base = [...(prefix ? [prefix] : []), ...issue.path.map(String)];
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: [...base, key].join("."), message: "is not a known field" }));
    }
    return [{ path: base.join(".") || (prefix ?? "body"), message: issue.message }];
  });
}

export function invalidFromZod(error: ZodError, prefix?: string): Invalid {
  const issues = zodIssues(error, prefix);
  return new Invalid(issues.map((i) => `${i.path}: ${i.message}`).join("; "), issues);
}
