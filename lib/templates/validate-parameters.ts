// Template parameters are JSON Schema, checked with Ajv (the reference implementation) so the
// same schema drives the request form, the API and the CLI.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { FieldIssue } from "../errors";
import { messageFor } from "./parameter-messages";

const ajv = new Ajv({ allErrors: true, useDefaults: true, coerceTypes: false, strict: true, allowUnionTypes: true });
// Presentation-only keywords the form uses.
ajv.addKeyword({ keyword: "x-order" });
ajv.addKeyword({ keyword: "x-widget" });
// Live options (live-options/live-parameter-spec.ts): checked against the cloud, not by Ajv.
for (const keyword of ["source", "filter", "dependsOn"]) ajv.addKeyword({ keyword });

export class ParameterSchemaError extends Error {}

const cache = new Map<string, ValidateFunction>();

export function compileParameterSchema(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  const hit = cache.get(key);
  if (hit) return hit;
  if (schema.type !== "object") throw new ParameterSchemaError('must be a JSON Schema with type: object');
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    throw new ParameterSchemaError(`not a valid JSON Schema: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (cache.size > 500) cache.clear();
  cache.set(key, validate);
  return validate;
}

function issuePath(error: ErrorObject): string {
  const pointer = error.instancePath.split("/").filter(Boolean);
  if (error.keyword === "required") pointer.push(String(error.params.missingProperty));
  if (error.keyword === "additionalProperties") pointer.push(String(error.params.additionalProperty));
  return ["parameters", ...pointer].join(".");
}

/**
 * Returns the parameters with schema defaults filled in, or the issues at their field paths.
 * `partial`: the values may leave out required parameters (a preset, remembered values: the
 * person filling the form supplies the rest), but what they hold must be valid.
 */
export function validateParameters(
  schema: Record<string, unknown>,
  input: unknown,
  options: { partial?: boolean } = {},
): { ok: true; value: Record<string, unknown> } | { ok: false; issues: FieldIssue[] } {
  const validate = compileParameterSchema(schema);
  const value = structuredClone(input ?? {}) as Record<string, unknown>;
  if (validate(value)) return { ok: true, value };
  const errors = (validate.errors ?? []).filter((error) => !(options.partial && error.keyword === "required"));
  if (errors.length === 0) return { ok: true, value };
  const issues = errors.map((error) => ({
    path: issuePath(error),
    message: messageFor(error),
  }));
  return { ok: false, issues };
}
