// YAML source -> validated TemplateSpec, with every problem reported at its path and, where the
// YAML has it, its line and column (the editor marks them; the API returns them).
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { FieldIssue } from "../errors";
import { checkPresets } from "./check-presets";
import { referencedPaths } from "./expressions";
import { checkLiveParameters } from "./live-options/check-live-parameters";
import { templateSpecSchema, type TemplateSpec } from "./template-spec";
import { compileParameterSchema, ParameterSchemaError } from "./validate-parameters";

export type ParseResult = { ok: true; spec: TemplateSpec } | { ok: false; issues: FieldIssue[] };

/** Templates are blueprints, not data dumps; a bigger source is refused before it is parsed. */
export const MAX_TEMPLATE_BYTES = 256 * 1024;
/** Aliases are allowed (a shared block of tags), but not as a way to expand a small file into a huge one. */
const MAX_ALIAS_COUNT = 50;

/** The problem with a source over the size cap, or null: checked before anything is parsed. */
export function sourceSizeIssue(source: string): FieldIssue | null {
  const bytes = Buffer.byteLength(source, "utf8");
  return bytes > MAX_TEMPLATE_BYTES ? { path: "source", message: `is ${Math.ceil(bytes / 1024)} KB; a template may be at most ${MAX_TEMPLATE_BYTES / 1024} KB` } : null;
}

export function parseTemplateSource(source: string): ParseResult {
  const tooLarge = sourceSizeIssue(source);
  if (tooLarge) return { ok: false, issues: [tooLarge] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((error) => ({ path: "source", message: `not valid YAML: ${firstLine(error.message)}`, ...at(lineCounter, error.pos[0]) })),
    };
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // An alias that expands too far ("billion laughs") or one that points nowhere.
    return { ok: false, issues: [{ path: "source", message: `not accepted: ${firstLine(error instanceof Error ? error.message : String(error))}` }] };
  }
  const locate = (path: (string | number)[]) => positionOf(doc, lineCounter, path);
  const parsed = templateSpecSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.flatMap((issue) => {
        const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
        if (issue.code === "unrecognized_keys") {
          return issue.keys.map((key) => ({ path: [...path, key].join("."), message: "is not a known field", ...locate([...path, key]) }));
        }
        return [{ path: path.join(".") || "source", message: issue.message, ...locate(path) }];
      }),
    };
  }
  const spec = parsed.data;
  const issues: FieldIssue[] = [];
  try {
    compileParameterSchema(spec.parameters);
    // Presets are values for the parameter schema: checkable only once it compiles.
    issues.push(...checkPresets(spec).map((issue) => ({ ...issue, ...locate(issue.path.split(".")) })));
    issues.push(...checkLiveParameters(spec.parameters).map((issue) => ({ ...issue, ...locate(issue.path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p))) })));
  } catch (error) {
    issues.push({ path: "parameters", message: error instanceof ParameterSchemaError ? error.message : String(error), ...locate(["parameters"]) });
  }
  if (spec.lease.default > spec.lease.max) issues.push({ path: "lease.default", message: "must not exceed lease.max", ...locate(["lease", "default"]) });
  issues.push(...checkReferences(spec).map((issue) => ({ ...issue, ...locate(issue.path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p))) })));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, spec };
}

const firstLine = (message: string) => message.split("\n")[0]!.trim();

function at(lineCounter: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/**
 * Where a path is in the YAML: the node itself, or for a key the YAML lacks, the closest
 * ancestor that exists (a missing field is reported where it should have been).
 */
function positionOf(doc: Document, lineCounter: LineCounter, path: (string | number)[]): { line?: number; column?: number } {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const parentPath = path.slice(0, Math.max(0, depth - 1));
    const key = depth > 0 ? path[depth - 1] : undefined;
    const parent = depth === 0 ? doc.contents : (doc.getIn(parentPath, true) as Node | undefined);
    if (depth > 0 && isMap(parent)) {
      // The key's own position reads better than its value's (an unknown or a bad field).
      const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(key));
      const keyNode = pair && isPair(pair) ? (pair.key as Node | null) : null;
      if (keyNode?.range) return at(lineCounter, keyNode.range[0]);
      continue;
    }
    const node = depth === 0 ? doc.contents : (doc.getIn(path.slice(0, depth), true) as Node | undefined);
    if (node && typeof node === "object" && "range" in node && node.range) return at(lineCounter, node.range[0]);
  }
  return {};
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
