import "server-only";
import { parse } from "yaml";

/**
 * The order in which the template author wrote parameters, presets and outputs. The stored spec
 * is a Postgres jsonb value, which does not keep object key order, so it is read from the YAML source.
 */
export function specKeyOrder(source: string): { parameters: string[]; presets: string[]; outputs: string[] } {
  try {
    const doc = parse(source) as { parameters?: { properties?: Record<string, unknown> }; presets?: Record<string, unknown>; outputs?: Record<string, unknown> } | null;
    return { parameters: Object.keys(doc?.parameters?.properties ?? {}), presets: Object.keys(doc?.presets ?? {}), outputs: Object.keys(doc?.outputs ?? {}) };
  } catch {
    return { parameters: [], presets: [], outputs: [] };
  }
}

/** Sorts keys by a preferred order; keys not in it keep their relative order at the end. */
export function byPreferredOrder(order: string[]) {
  return (a: string, b: string) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia === -1 ? Number.MAX_SAFE_INTEGER : ia) - (ib === -1 ? Number.MAX_SAFE_INTEGER : ib);
  };
}
