/** What a value looks like after JSON.stringify/parse: Dates become ISO strings. */
export type Jsonify<T> = T extends Date
  ? string
  : T extends bigint
    ? string
    : T extends (infer U)[]
      ? Jsonify<U>[]
      : T extends object
        ? { [K in keyof T]: Jsonify<T[K]> }
        : T;

/** Server data handed to client components in the same shape the REST API and SSE send. */
export function toJson<T>(value: T): Jsonify<T> {
  return JSON.parse(JSON.stringify(value, (_, inner: unknown) => (typeof inner === "bigint" ? inner.toString() : inner))) as Jsonify<T>;
}
