// What a template costs per hour, from its cheapest to its most expensive request, priced from
// the shipped price table (no cloud calls). Only the parameters an instance group's type or
// count refers to move the price, so only their choices are tried: every enum value, a number's
// minimum, maximum and default, else the default. Like the request preview, a plan is priced as
// submitted: capacity fallbacks (`alternatives`) are not priced.
import { priceOf } from "../cloud/prices/price-of";
import { referencedPaths, resolveString } from "./expressions";
import type { TemplateSpec } from "./template-spec";

export type CostRange = {
  minUsdPerHour: number;
  maxUsdPerHour: number;
  /** The price with every parameter at its default (what an untouched request form costs). */
  defaultUsdPerHour: number | null;
  /** False when some instance type has no price in the table: the figures leave it out. */
  complete: boolean;
};

type PriceFn = (instanceType: string, region: string) => { usdPerHour: number } | null;

// Beyond this many combinations each parameter is varied alone from the defaults: an
// approximation, for templates no one writes (five enum parameters of six types each).
const MAX_COMBINATIONS = 4096;
// resolve-plan.ts refuses counts outside 1-50, so an unbounded count parameter tops out here.
const MAX_COUNT = 50;

export function hourlyCostRange(spec: Pick<TemplateSpec, "parameters" | "instanceGroups">, region: string, price: PriceFn = priceOf): CostRange | null {
  const properties = (spec.parameters.properties ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const countParams = new Set(spec.instanceGroups.flatMap((g) => (typeof g.count === "string" ? paramNames(g.count) : [])));
  const names = [...new Set(spec.instanceGroups.flatMap((g) => [...paramNames(g.instanceType), ...(typeof g.count === "string" ? paramNames(g.count) : [])]))];
  const choices = names.map((name) => choicesOf(properties[name], countParams.has(name)));
  const defaults = Object.fromEntries(names.map((name) => [name, properties[name]?.default]));

  let min = Infinity;
  let max = -Infinity;
  let complete = true;
  const consider = (params: Record<string, unknown>) => {
    const priced = priceAt(spec, region, { ...defaults, ...params }, price);
    if (!priced) return null;
    complete &&= priced.complete;
    // Nothing priced is "unknown", never $0.
    if (priced.groupsPriced === 0) return null;
    min = Math.min(min, priced.usdPerHour);
    max = Math.max(max, priced.usdPerHour);
    return priced.usdPerHour;
  };
  const atDefaults = consider({});
  for (const params of combinations(names, choices)) consider(params);
  if (min === Infinity) return null;
  return { minUsdPerHour: round(min), maxUsdPerHour: round(max), defaultUsdPerHour: atDefaults === null ? null : round(atDefaults), complete };
}

/** `params.size` and `params.size.x` both name the parameter `size`. */
function paramNames(text: string): string[] {
  return referencedPaths(text)
    .map((path) => /^params\.([A-Za-z_][\w-]*)/.exec(path)?.[1])
    .filter((name): name is string => name !== undefined);
}

function choicesOf(schema: Record<string, unknown> | undefined, isCount: boolean): unknown[] {
  if (!schema) return [];
  if (Array.isArray(schema.enum)) return schema.enum;
  const values = [schema.default];
  if (schema.type === "integer" || schema.type === "number") {
    const lowest = typeof schema.exclusiveMinimum === "number" ? schema.exclusiveMinimum + 1 : schema.minimum;
    const highest = typeof schema.exclusiveMaximum === "number" ? schema.exclusiveMaximum - 1 : schema.maximum;
    values.push(lowest ?? (isCount ? 1 : undefined), highest ?? (isCount ? MAX_COUNT : undefined));
  }
  return [...new Set(values.filter((value) => value !== undefined))];
}

/** Every combination of the choices, or each parameter's choices alone past MAX_COMBINATIONS. */
function* combinations(names: string[], choices: unknown[][]): Generator<Record<string, unknown>> {
  const size = choices.reduce((product, values) => product * Math.max(values.length, 1), 1);
  if (size > MAX_COMBINATIONS) {
    for (const [index, name] of names.entries()) for (const value of choices[index] ?? []) yield { [name]: value };
    return;
  }
  const walk = function* (index: number, picked: Record<string, unknown>): Generator<Record<string, unknown>> {
    if (index === names.length) {
      yield picked;
      return;
    }
    const values = choices[index] ?? [];
    if (values.length === 0) yield* walk(index + 1, picked);
    for (const value of values) yield* walk(index + 1, { ...picked, [names[index]!]: value });
  };
  yield* walk(0, {});
}

/** The plan's hourly price with these parameters, or null when they make no valid plan. */
function priceAt(spec: Pick<TemplateSpec, "instanceGroups">, region: string, params: Record<string, unknown>, price: PriceFn) {
  const context = { params, env: { id: "", name: "", region, team: "" } };
  let usdPerHour = 0;
  let groupsPriced = 0;
  for (const group of spec.instanceGroups) {
    const count = typeof group.count === "number" ? group.count : Number(resolveString(group.count, context));
    if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) return null;
    const type = resolveString(group.instanceType, context);
    const hourly = typeof type === "string" ? price(type, region) : null;
    if (hourly) {
      usdPerHour += count * hourly.usdPerHour;
      groupsPriced += 1;
    }
  }
  return { usdPerHour, groupsPriced, complete: groupsPriced === spec.instanceGroups.length };
}

// Four decimals, like AWS's list prices and the request preview.
const round = (value: number) => Math.round(value * 10_000) / 10_000;
