// YAML source -> validated TemplateSpec, with every problem reported at its path.
import { parse as parseYaml, YAMLParseError } from "yaml";
import type { FieldIssue } from "../errors";
import { referencedPaths } from "./expressions";
import { templateSpecSchema, type TemplateSpec } from "./template-spec";
import { compileParameterSchema, ParameterSchemaError } from "./validate-parameters";

export type ParseResult = { ok: true; spec: TemplateSpec } | { ok: false; issues: FieldIssue[] };

export function parseTemplateSource(source: string): ParseResult {
  let raw: unknown;
  try {
    raw = parseYaml(source);
  } catch (error) {
    const message = error instanceof YAMLParseError ? error.message : String(error);
    return { ok: false, issues: [{ path: "source", message: `not valid YAML: ${message}` }] };
  }
  const parsed = templateSpecSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((issue) => ({ path: issue.path.join(".") || "source", message: issue.message })) };
  }
  const spec = parsed.data;
  const issues: FieldIssue[] = [];
  try {
    compileParameterSchema(spec.parameters);
  } catch (error) {
    issues.push({ path: "parameters", message: error instanceof ParameterSchemaError ? error.message : String(error) });
  }
  if (spec.lease.default > spec.lease.max) issues.push({ path: "lease.default", message: "must not exceed lease.max" });
  issues.push(...checkReferences(spec));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, spec };
}

function checkReferences(spec: TemplateSpec): FieldIssue[] {
  const paramNames = new Set(Object.keys((spec.parameters.properties as Record<string, unknown> | undefined) ?? {}));
  const groupNames = new Set(spec.instanceGroups.map((group) => group.name));
  const issues: FieldIssue[] = [];
  if (spec.instanceGroups.length !== groupNames.size) {
    issues.push({ path: "instanceGroups", message: "group names must be unique" });
  }
  spec.instanceGroups.forEach((group, index) => {
    for (const path of referencedPaths(JSON.stringify(group))) {
      const [root, name] = path.split(/[.[]/);
      const ok = (root === "params" && name !== undefined && paramNames.has(name)) || (root === "env" && ["id", "name", "region", "team"].includes(name ?? ""));
      if (!ok) issues.push({ path: `instanceGroups.${index}`, message: `unknown reference \${{ ${path} }} (use params.<name> or env.id/name/region/team)` });
    }
  });
  for (const [key, value] of Object.entries(spec.outputs)) {
    for (const path of referencedPaths(value)) {
      const [root, name] = path.split(/[.[]/);
      const ok =
        (root === "params" && name !== undefined && paramNames.has(name)) ||
        (root === "instances" && name !== undefined && groupNames.has(name)) ||
        (root === "env" && ["id", "name", "region", "team"].includes(name ?? ""));
      if (!ok) issues.push({ path: `outputs.${key}`, message: `unknown reference \${{ ${path} }}` });
    }
  }
  return issues;
}
