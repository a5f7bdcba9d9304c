import { Text } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { parseTemplateSource } from "@/lib/templates/parse-template-source";
import { describeIssue, issueRange, issuesToDiagnostics, splitIssues } from "./editor-diagnostics";
import { STARTER_TEMPLATE } from "./starter-template";

const source = ["name: Box", "lease: { default: 1h, max: 1d }", "instanceGroups:", "  - name: web", "    image: ami-0123456789abcdef0", "    instanceType: t3.micro", "    colour: blue", ""].join("\n");
const doc = Text.of(source.split("\n"));
const slice = (range: { from: number; to: number }) => doc.sliceString(range.from, range.to);

describe("issueRange", () => {
  it("marks the word at the parser's line and column", () => {
    expect(slice(issueRange(doc, { line: 7, column: 5 }))).toBe("colour:");
    expect(slice(issueRange(doc, { line: 2, column: 19 }))).toBe("1h,");
  });

  it("puts an issue without a position on the first line", () => {
    expect(slice(issueRange(doc, {}))).toBe("name: Box");
  });

  it("clamps positions past the end of a line or of the document (the source changed since)", () => {
    const pastLine = issueRange(doc, { line: 1, column: 80 });
    expect(pastLine).toEqual({ from: doc.line(1).to, to: doc.line(1).to });
    const pastDoc = issueRange(doc, { line: 99, column: 1 });
    expect(pastDoc.from).toBe(doc.length);
    expect(issueRange(doc, { line: 0, column: 0 }).from).toBe(0);
  });

  it("marks the rest of the line when the column points at indentation", () => {
    expect(slice(issueRange(doc, { line: 7, column: 1 }))).toBe("    colour: blue");
  });
});

describe("issuesToDiagnostics", () => {
  it("maps the parser's own issues onto the source they came from, in document order", () => {
    const parsed = parseTemplateSource(source);
    expect(parsed.ok).toBe(false);
    const issues = parsed.ok ? [] : parsed.issues;
    const diagnostics = issuesToDiagnostics(doc, [{ path: "source", message: "whole file" }, ...issues]);
    expect(diagnostics.map((d) => d.from)).toEqual([...diagnostics.map((d) => d.from)].sort((a, b) => a - b));
    const colour = diagnostics.find((d) => d.message.startsWith("instanceGroups.0.colour"));
    expect(colour).toMatchObject({ severity: "error", message: "instanceGroups.0.colour — is not a known field" });
    expect(slice(colour!)).toBe("colour:");
    expect(diagnostics[0]).toMatchObject({ from: 0, message: "whole file" });
  });
});

describe("describeIssue and splitIssues", () => {
  it("says where, what and why in one line", () => {
    expect(describeIssue({ path: "instanceGroups.0.colour", message: "is not a known field", line: 7, column: 5 })).toBe("line 7, column 5: instanceGroups.0.colour — is not a known field");
    expect(describeIssue({ path: "instanceGroups", message: "group names must be unique" })).toBe("instanceGroups — group names must be unique");
  });

  it("keeps the form's fields apart from the YAML's", () => {
    const { form, source: yaml } = splitIssues([
      { path: "slug", message: "is already used" },
      { path: "sharedWith.0", message: "team x does not exist" },
      { path: "lease.default", message: "must not exceed lease.max", line: 2, column: 10 },
      { path: "source", message: "the template's YAML is empty" },
    ]);
    expect(form.map((i) => i.path)).toEqual(["slug", "sharedWith.0"]);
    expect(yaml.map((i) => i.path)).toEqual(["lease.default", "source"]);
  });
});

describe("the starter template", () => {
  it("publishes as it is", () => {
    const parsed = parseTemplateSource(STARTER_TEMPLATE);
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
  });
});
