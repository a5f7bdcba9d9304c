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

/** One pattern character: a literal, or `?` (any one character). */
type Token = string | null;

/**
 * Compiles a pattern without regular expressions: a regex built from `*a*a*a…b` backtracks
 * once more per `*` (len(value)^stars steps) against a long run of `a`s, and filter values come
 * from whoever calls the API. The
 * pattern is split at its `*`s into segments; the first must match at the start, the last at
 * the end, and each middle one is taken at its leftmost place after the one before (leftmost
 * is always safe: a later `*` can absorb whatever an earlier choice leaves). The position only
 * moves forward, so a match costs at most len(value) × len(pattern) steps, whatever the input.
 */
function globMatcher(pattern: string): Matcher {
  if (!/[*?\\]/.test(pattern)) return (value) => value === pattern;
  const segments: Token[][] = [[]];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    const current = segments[segments.length - 1] as Token[];
    if (c === "\\" && i + 1 < pattern.length) current.push(pattern[++i] as string);
    else if (c === "*") segments.push([]);
    else current.push(c === "?" ? null : c);
  }
  return (value) => matchSegments(segments, value);
}

function segmentAt(segment: readonly Token[], value: string, at: number): boolean {
  if (at + segment.length > value.length) return false;
  for (let i = 0; i < segment.length; i++) {
    const token = segment[i];
    if (token !== null && token !== value[at + i]) return false;
  }
  return true;
}

function matchSegments(segments: readonly (readonly Token[])[], value: string): boolean {
  const first = segments[0] as readonly Token[];
  if (segments.length === 1) return first.length === value.length && segmentAt(first, value, 0);
  const last = segments[segments.length - 1] as readonly Token[];
  if (first.length + last.length > value.length) return false;
  if (!segmentAt(first, value, 0) || !segmentAt(last, value, value.length - last.length)) return false;
  let at = first.length;
  const end = value.length - last.length;
  for (let s = 1; s < segments.length - 1; s++) {
    const segment = segments[s] as readonly Token[];
    let found = -1;
    for (let start = at; start + segment.length <= end; start++) {
      if (segmentAt(segment, value, start)) {
        found = start;
        break;
      }
    }
    if (found < 0) return false;
    at = found + segment.length;
  }
  return true;
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
