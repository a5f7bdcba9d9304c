// `${{ params.size }}`-style references in templates. Only property paths are allowed (no code):
// a value that is exactly one reference keeps the referenced type (so `count` can be a number);
// references inside longer text are interpolated as strings.
const WHOLE = /^\$\{\{\s*([^}]+?)\s*\}\}$/;
const EMBEDDED = /\$\{\{\s*([^}]+?)\s*\}\}/g;
const PATH = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\])*$/;

export class ExpressionError extends Error {}

/** `params.x` or `params.x | raw` (insert as is: only shell user data quotes otherwise). */
export function parseReference(inner: string): { path: string; raw: boolean } {
  const raw = /^(.+?)\s*\|\s*raw$/.exec(inner.trim());
  return raw ? { path: raw[1]!, raw: true } : { path: inner.trim(), raw: false };
}

export function lookupPath(context: unknown, path: string): unknown {
  if (!PATH.test(path)) throw new ExpressionError(`"${path}" is not a property path like params.size or instances.web[0].publicIp`);
  const segments = path.match(/[A-Za-z_][\w-]*|\d+/g) ?? [];
  let current: unknown = context;
  for (const segment of segments) {
    // Own properties only: `constructor`, `__proto__` and friends are not template data.
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

export function referencedPaths(text: string): string[] {
  return [...text.matchAll(EMBEDDED)].map((match) => parseReference(match[1]!).path);
}

export function resolveString(text: string, context: unknown): unknown {
  const whole = WHOLE.exec(text);
  if (whole) return lookupPath(context, parseReference(whole[1]!).path);
  return text.replace(EMBEDDED, (_, inner: string) => expressionText(lookupPath(context, parseReference(inner).path)));
}

/** How a resolved value reads inside a string: objects as JSON, never "[object Object]". */
export function expressionText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return JSON.stringify(value) ?? "";
}

/** Resolves every string in a JSON-like value. */
export function resolveExpressions<T>(value: T, context: unknown): unknown {
  if (typeof value === "string") return resolveString(value, context);
  if (Array.isArray(value)) return value.map((item) => resolveExpressions(item, context));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, resolveExpressions(inner, context)]));
  }
  return value;
}
