// EC2 filter semantics: values of one filter are OR-ed, filters are AND-ed, values may use the
// `*` and `?` wildcards (escaped with a backslash), and an unknown filter name is an error.
import { errors } from "./ec2-error";
import type { Filter } from "./query-params";

export type FieldValue = string | number | boolean | undefined | null | readonly string[];
/** Reads the value(s) a filter compares against from one item. */
export type FieldReader<T> = (item: T) => FieldValue;
/** Resolves a filter name to its reader, or undefined when the name is not a valid filter. */
export type FilterResolver<T> = (name: string) => FieldReader<T> | undefined;

type Matcher = (value: string) => boolean;

function globMatcher(pattern: string): Matcher {
  if (!/[*?\\]/.test(pattern)) return (value) => value === pattern;
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "\\" && i + 1 < pattern.length) {
      source += (pattern[++i] as string).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    } else if (c === "*") source += ".*";
    else if (c === "?") source += ".";
    else source += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  const re = new RegExp(`^${source}$`, "s");
  return (value) => re.test(value);
}

export function wildcardMatch(pattern: string, value: string): boolean {
  return globMatcher(pattern)(value);
}

function toStrings(value: FieldValue): readonly string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value as readonly string[];
  return [String(value)];
}

export function compileFilters<T>(filters: readonly Filter[], resolve: FilterResolver<T>): (item: T) => boolean {
  const compiled = filters.map((filter) => {
    const reader = resolve(filter.name);
    if (reader === undefined) throw errors.unknownFilter(filter.name);
    const matchers = filter.values.map(globMatcher);
    return { reader, matchers };
  });
  return (item) =>
    compiled.every(({ reader, matchers }) => {
      const values = toStrings(reader(item));
      return matchers.some((m) => values.some(m));
    });
}

/** Values given for one filter name (used to pick an index, e.g. `instance-id`), or undefined. */
export function filterValues(filters: readonly Filter[], name: string): string[] | undefined {
  const hit = filters.filter((f) => f.name === name);
  if (hit.length === 0) return undefined;
  // Several filters with the same name are AND-ed; the first is enough to narrow candidates.
  return hit[0]?.values;
}
