// Turns a template's parameter JSON Schema into form fields, and checks values the way the API
// will (the API re-checks everything with Ajv; this only gives instant feedback).

export type FieldKind = "text" | "select" | "integer" | "number" | "boolean";

export type ParameterField = {
  key: string;
  kind: FieldKind;
  title: string;
  description?: string;
  required: boolean;
  /** `writeOnly: true`: typed hidden, and never remembered or copied (lib/templates/secret-parameters.ts). */
  secret: boolean;
  defaultValue: string | boolean;
  options?: string[];
  /** The enum's own values (options are their text): a choice is sent as the value the schema lists. */
  optionValues?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  /** Options listed live from the cloud account (live-options-field.tsx), narrowed by the answers to `dependsOn`. */
  source?: string;
  dependsOn?: string[];
};

export type FormValue = string | boolean;

type PropertySchema = {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  writeOnly?: boolean;
  "x-order"?: number;
  source?: string;
  dependsOn?: string | string[];
};

function kindOf(schema: PropertySchema): FieldKind {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (schema.enum || schema.source) return "select";
  if (type === "integer" || type === "number" || type === "boolean") return type;
  return "text";
}

function scalarText(value: unknown): string {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : JSON.stringify(value);
}

/** `order` is the authored key order (the stored schema may not keep it); `x-order` wins over it. */
export function parameterFields(schema: Record<string, unknown>, order: string[] = []): ParameterField[] {
  const properties = (schema.properties ?? {}) as Record<string, PropertySchema>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const authored = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return Object.entries(properties)
    .map(([key, property], index) => ({ key, property, order: property["x-order"] ?? 1000 + authored(key) * 100 + index }))
    .sort((a, b) => a.order - b.order)
    .map(({ key, property }) => {
      const kind = kindOf(property);
      const fallback = kind === "boolean" ? false : "";
      const defaultValue = property.default === undefined ? fallback : kind === "boolean" ? Boolean(property.default) : scalarText(property.default);
      return {
        key,
        kind,
        title: property.title ?? key,
        description: property.description,
        required: required.has(key),
        secret: property.writeOnly === true,
        defaultValue,
        options: property.enum?.map(String),
        optionValues: property.enum,
        pattern: property.pattern,
        minLength: property.minLength,
        maxLength: property.maxLength,
        minimum: property.minimum,
        maximum: property.maximum,
        ...(typeof property.source === "string" ? { source: property.source, dependsOn: typeof property.dependsOn === "string" ? [property.dependsOn] : (property.dependsOn ?? []) } : {}),
      };
    });
}

export function initialValues(fields: ParameterField[]): Record<string, FormValue> {
  return Object.fromEntries(fields.map((field) => [field.key, field.defaultValue]));
}

/** The form's values for parameters given as JSON (a preset, remembered values): the rest take their defaults. */
export function formValuesFrom(fields: ParameterField[], parameters: Record<string, unknown>): Record<string, FormValue> {
  return Object.fromEntries(
    fields.map((field) => {
      if (!Object.hasOwn(parameters, field.key)) return [field.key, field.defaultValue];
      const value = parameters[field.key];
      return [field.key, field.kind === "boolean" ? Boolean(value) : value === null || value === undefined ? "" : scalarText(value)];
    }),
  );
}

/** Form strings -> the JSON the API expects (numbers as numbers, empty optional fields left out). */
export function toParameters(fields: ParameterField[], values: Record<string, FormValue>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.key];
    if (field.kind === "boolean") {
      result[field.key] = Boolean(value);
      continue;
    }
    const text = typeof value === "string" ? value.trim() : "";
    if (text === "") continue;
    if (field.optionValues) {
      const chosen = field.optionValues.find((option) => String(option) === text);
      result[field.key] = chosen === undefined ? text : chosen;
      continue;
    }
    // Not a number: sent as typed, so the estimate and the API refuse it rather than guess.
    const number = field.kind === "integer" || field.kind === "number" ? Number(text) : NaN;
    result[field.key] = Number.isFinite(number) ? number : text;
  }
  return result;
}

const MAX_LISTED = 10;
const characters = (count: number) => `${count} character${count === 1 ? "" : "s"}`;

/** The first problem with a value, worded like the API's (lib/templates/parameter-messages.ts), or null. */
export function checkField(field: ParameterField, value: FormValue | undefined): string | null {
  if (field.kind === "boolean") return null;
  const text = typeof value === "string" ? value.trim() : "";
  if (text === "") return field.required ? "is required" : null;
  if (field.kind === "integer" || field.kind === "number") {
    const number = Number(text);
    if (field.kind === "integer" && !Number.isInteger(number)) return "must be a whole number";
    if (!Number.isFinite(number)) return "must be a number";
    if (field.minimum !== undefined && number < field.minimum) return `must be at least ${field.minimum}`;
    if (field.maximum !== undefined && number > field.maximum) return `must be at most ${field.maximum}`;
    return null;
  }
  if (field.options && !field.options.includes(text)) {
    const more = field.options.length - MAX_LISTED;
    return `must be one of the allowed values: ${field.options.slice(0, MAX_LISTED).join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
  }
  if (field.minLength !== undefined && text.length < field.minLength) return `must be at least ${characters(field.minLength)}`;
  if (field.maxLength !== undefined && text.length > field.maxLength) return `must be at most ${characters(field.maxLength)}`;
  if (field.pattern) {
    try {
      if (!new RegExp(field.pattern, "u").test(text)) return `must match ${field.pattern}`;
    } catch {
      // A pattern the browser cannot compile is left to the API.
    }
  }
  return null;
}
