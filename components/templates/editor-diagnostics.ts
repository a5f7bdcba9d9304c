// Where the server's template issues go in the editor: a 1-based line and column (from the YAML
// parser) becomes a CodeMirror range, and each issue a diagnostic. Positions are clamped to the
// document, because a source may have changed (or been cut short) since it was checked.
import type { Diagnostic } from "@codemirror/lint";
import type { Text } from "@codemirror/state";
import type { ApiIssue } from "../api-client";

/** The fields of the template forms; every other issue of a publish is about the YAML. */
const FORM_FIELDS = /^(slug|ownerTeam|sharedWith|changeNote|baseVersion)(\.|$)/;

/**
 * The range an issue marks: the word at its line and column (a key like `colour:` or a value),
 * the rest of the line when it points at blanks, and the first line when it has no position
 * (a problem with the whole source, or with a field the YAML does not have).
 */
export function issueRange(doc: Text, issue: Pick<ApiIssue, "line" | "column">): { from: number; to: number } {
  if (!issue.line) {
    const first = doc.line(1);
    return { from: first.from, to: first.to };
  }
  const line = doc.line(Math.min(Math.max(1, Math.trunc(issue.line)), doc.lines));
  const offset = Math.min(Math.max(0, Math.trunc(issue.column ?? 1) - 1), line.length);
  const rest = line.text.slice(offset);
  const word = /^\S+/.exec(rest)?.[0];
  const from = line.from + offset;
  if (word) return { from, to: from + word.length };
  return { from, to: rest.trim() === "" ? from : line.to };
}

/** What an issue says, led by its field path unless it concerns the source as a whole. */
export function issueMessage(issue: ApiIssue): string {
  return issue.path && issue.path !== "source" ? `${issue.path} — ${issue.message}` : issue.message;
}

/** One sentence for the list under the editor: "line 7, column 5: instanceGroups.0.colour — is not a known field". */
export function describeIssue(issue: ApiIssue): string {
  const where = issue.line ? `line ${issue.line}${issue.column ? `, column ${issue.column}` : ""}: ` : "";
  return `${where}${issueMessage(issue)}`;
}

/** CodeMirror diagnostics for the issues, in document order (the lint extension expects that). */
export function issuesToDiagnostics(doc: Text, issues: ApiIssue[]): Diagnostic[] {
  return issues
    .map((issue): Diagnostic => ({ ...issueRange(doc, issue), severity: "error", message: issueMessage(issue), source: "Hangar" }))
    .sort((a, b) => a.from - b.from || a.to - b.to);
}

/** A failed publish's issues: those about the form's own fields, and those about the YAML. */
export function splitIssues(issues: ApiIssue[]): { form: ApiIssue[]; source: ApiIssue[] } {
  return {
    form: issues.filter((issue) => FORM_FIELDS.test(issue.path)),
    source: issues.filter((issue) => !FORM_FIELDS.test(issue.path)),
  };
}
