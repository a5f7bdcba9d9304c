// Publish-time checks of the live-option keywords that the format's zod schema cannot see alone:
// a source on a parameter that is not a plain string, filters the source does not understand,
// and `dependsOn` naming a parameter that does not exist, comes later in the form (the person
// filling it in has not answered it yet), or has no source this one can be narrowed by.
import type { FieldIssue } from "../../errors";
import { DEPENDENCIES, dependsOnList, FILTER_KEYS, LIVE_SOURCES, type LiveSource } from "./live-parameter-spec";

type Property = { type?: unknown; enum?: unknown; source?: unknown; filter?: unknown; dependsOn?: unknown; "x-order"?: unknown };

const isSource = (value: unknown): value is LiveSource => typeof value === "string" && (LIVE_SOURCES as readonly string[]).includes(value);

/** The form's order: `x-order` first, then the order the template lists them in (components/request/schema-fields.ts). */
export function formOrder(properties: Record<string, Property>): string[] {
  return Object.entries(properties)
    .map(([name, property], index) => ({ name, rank: typeof property["x-order"] === "number" ? property["x-order"] : 1000 + index * 100 }))
    .sort((a, b) => a.rank - b.rank)
    .map((entry) => entry.name);
}

export function checkLiveParameters(schema: Record<string, unknown>): FieldIssue[] {
  const properties = (schema.properties ?? {}) as Record<string, Property>;
  const order = formOrder(properties);
  const issues: FieldIssue[] = [];
  for (const [name, property] of Object.entries(properties)) {
    const at = `parameters.properties.${name}`;
    const source = isSource(property.source) ? property.source : undefined;
    const dependsOn = dependsOnList(property.dependsOn);
    if (!source) {
      if (property.filter !== undefined) issues.push({ path: `${at}.filter`, message: "needs a source: a filter narrows the options a source lists" });
      if (dependsOn.length > 0) issues.push({ path: `${at}.dependsOn`, message: "needs a source: only a parameter whose options come from the cloud can depend on another" });
      continue;
    }
    if (property.type !== undefined && property.type !== "string") {
      issues.push({ path: `${at}.type`, message: `must be string: a ${source} parameter holds one id or name` });
    }
    if (property.enum !== undefined) issues.push({ path: `${at}.enum`, message: `cannot be combined with source: the options come from the cloud (narrow them with filter)` });
    const filter = (property.filter ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(filter)) {
      if (!FILTER_KEYS[source].includes(key)) {
        const allowed = FILTER_KEYS[source];
        issues.push({ path: `${at}.filter.${key}`, message: allowed.length > 0 ? `does not apply to ${source} (it takes ${allowed.join(", ")})` : `does not apply: ${source} takes no filter` });
      }
    }
    const min = (low: unknown, high: unknown) => typeof low === "number" && typeof high === "number" && low > high;
    if (min(filter.minVcpu, filter.maxVcpu)) issues.push({ path: `${at}.filter.minVcpu`, message: "is more than maxVcpu: no type could match" });
    if (min(filter.minMemoryGiB, filter.maxMemoryGiB)) issues.push({ path: `${at}.filter.minMemoryGiB`, message: "is more than maxMemoryGiB: no type could match" });

    const seen = new Set<LiveSource>();
    dependsOn.forEach((other, index) => {
      const path = typeof property.dependsOn === "string" ? `${at}.dependsOn` : `${at}.dependsOn.${index}`;
      const target = properties[other];
      if (other === name) return void issues.push({ path, message: "a parameter cannot depend on itself" });
      if (!target) return void issues.push({ path, message: `is not a parameter of this template (${other})` });
      if (order.indexOf(other) > order.indexOf(name)) {
        return void issues.push({ path, message: `${other} comes after ${name} in the form; a parameter may depend only on an earlier one` });
      }
      const allowed = DEPENDENCIES[source];
      const targetSource = isSource(target.source) ? target.source : undefined;
      if (!targetSource || !allowed.includes(targetSource)) {
        const what = targetSource ? `a ${targetSource} parameter` : "a parameter without a source";
        const can = allowed.length > 0 ? `${source} can be narrowed by a ${allowed.join(" or a ")} parameter` : `${source} cannot be narrowed by another parameter`;
        return void issues.push({ path, message: `${other} is ${what}; ${can}` });
      }
      if (seen.has(targetSource)) return void issues.push({ path, message: `names a second ${targetSource} parameter; one is enough` });
      seen.add(targetSource);
    });
  }
  return issues;
}
