// Which template parameters hold secrets. JSON Schema's own annotation for a value that is sent
// but never shown back is `writeOnly: true`; a parameter so marked (or named like a secret, the
// way audit events redact them) is never remembered for the form, copied by "Request again" or
// allowed in a preset, which everyone who may use the template can read.
const SECRET_NAME = /(secret|password|passwd|token|credential|private[-_]?key|api[-_]?key)/i;

type PropertySchema = { writeOnly?: unknown };

function propertiesOf(schema: Record<string, unknown>): Record<string, PropertySchema> {
  const properties = schema.properties;
  return properties && typeof properties === "object" ? (properties as Record<string, PropertySchema>) : {};
}

export function isSecretParameter(schema: Record<string, unknown>, name: string): boolean {
  return propertiesOf(schema)[name]?.writeOnly === true || SECRET_NAME.test(name);
}

/** The values of parameters the schema declares, secrets left out. */
export function withoutSecrets(schema: Record<string, unknown>, values: Record<string, unknown>): Record<string, unknown> {
  const declared = propertiesOf(schema);
  return Object.fromEntries(Object.entries(values).filter(([name]) => Object.hasOwn(declared, name) && !isSecretParameter(schema, name)));
}

export const HIDDEN_VALUE = "(hidden)";

/** The values with every secret's value replaced by HIDDEN_VALUE, for pages, the API and plans. */
export function maskSecrets(schema: Record<string, unknown>, values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, isSecretParameter(schema, name) ? HIDDEN_VALUE : value]));
}
