// The request schemas the API routes parse bodies and query strings with, fuzzed in process
// (fast, thousands of inputs): whatever JSON arrives, safeParse answers (never throws, so a route
// answers 400, not 500), and prototype-pollution keys neither reach Object.prototype nor come out
// as a parsed object's prototype. The HTTP side of the same idea is e2e/api/security-fuzz.spec.ts.
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  createCloudAccountSchema,
  updateCloudAccountSchema,
} from "@/lib/cloud-accounts/schemas";
import {
  listDeploymentsSchema,
  exportDeploymentsSchema,
} from "@/lib/deployments/history-schemas";
import {
  requestDeploymentSchema,
  rollbackSchema,
} from "@/lib/deployments/schemas";
import { extendEnvironmentSchema } from "@/lib/environments/extend-environment";
import {
  listEnvironmentsSchema,
  previewRequestSchema,
  requestEnvironmentSchema,
} from "@/lib/environments/schemas";
import {
  upgradeBatchSchema,
  upgradeEnvironmentSchema,
} from "@/lib/environments/upgrade-schemas";
import { createTokenInput } from "@/lib/identity/api-tokens";
import {
  confirmSchema,
  promoteDeploymentSchema,
  promoteSchema,
  rejectSchema,
  setPipelineSchema,
} from "@/lib/pipelines/schemas";
import {
  createReleaseSchema,
  listReleasesSchema,
} from "@/lib/releases/schemas";
import {
  createServiceSchema,
  listServicesSchema,
} from "@/lib/services/schemas";
import {
  createTemplateSchema,
  publishVersionSchema,
  updateTemplateSchema,
  updateVersionSchema,
  validateTemplateSchema,
} from "@/lib/templates/schemas";

const BODIES: Record<string, z.ZodType> = {
  createCloudAccountSchema,
  updateCloudAccountSchema,
  requestDeploymentSchema,
  rollbackSchema,
  extendEnvironmentSchema,
  previewRequestSchema,
  requestEnvironmentSchema,
  upgradeBatchSchema,
  upgradeEnvironmentSchema,
  createTokenInput,
  confirmSchema,
  promoteDeploymentSchema,
  promoteSchema,
  rejectSchema,
  setPipelineSchema,
  createReleaseSchema,
  createServiceSchema,
  createTemplateSchema,
  publishVersionSchema,
  updateTemplateSchema,
  updateVersionSchema,
  validateTemplateSchema,
};
/** Query strings arrive as a record of strings. */
const QUERIES: Record<string, z.ZodType> = {
  listDeploymentsSchema,
  exportDeploymentsSchema,
  listEnvironmentsSchema,
  listReleasesSchema,
  listServicesSchema,
};

const hostileString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom(
    "",
    "\u0000",
    "\ud800",
    "x".repeat(100_000),
    "__proto__",
    "constructor",
    "-1",
    "1e309",
    "NaN",
    "9".repeat(400),
    "2026-13-45T99:99:99Z",
  ),
);
const pollution = fc.constantFrom(
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"__proto__":null}',
);
const deep = fc
  .integer({ min: 100, max: 3000 })
  .map(
    (depth) =>
      JSON.parse(`${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`) as unknown,
  );
const anything = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(
    fc.string(),
    fc.oneof(hostileString, fc.jsonValue({ maxDepth: 2 })),
  ),
  pollution.map((text) => JSON.parse(text) as unknown),
  deep,
);

function parses(schema: z.ZodType, input: unknown): void {
  const result = schema.safeParse(input);
  if (
    result.success &&
    result.data &&
    typeof result.data === "object" &&
    !Array.isArray(result.data)
  ) {
    expect([Object.prototype, null]).toContain(
      Object.getPrototypeOf(result.data),
    );
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

afterEach(() => {
  // A polluted prototype would make every later test lie: undo it, and the assertion above fails.
  delete (Object.prototype as Record<string, unknown>).polluted;
});

describe("request body schemas", () => {
  for (const [name, schema] of Object.entries(BODIES)) {
    it(`${name}: any JSON is parsed or refused, never thrown`, () => {
      fc.assert(
        fc.property(anything, (input) => parses(schema, input)),
        { numRuns: 300 },
      );
    });
  }
});

describe("query string schemas", () => {
  for (const [name, schema] of Object.entries(QUERIES)) {
    it(`${name}: any record of strings is parsed or refused, never thrown`, () => {
      const keys = fc.constantFrom(
        "limit",
        "cursor",
        "search",
        "state",
        "team",
        "service",
        "environment",
        "from",
        "to",
        "format",
        "sort",
        "__proto__",
        "x",
      );
      fc.assert(
        fc.property(
          fc.dictionary(keys, hostileString, { maxKeys: 6 }),
          (input) => parses(schema, input),
        ),
        { numRuns: 300 },
      );
    });
  }
});
