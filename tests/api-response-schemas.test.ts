// Real answers of the lib/ calls behind the API, made on real Postgres and the sandbox, match the
// response schemas the routes declare (as JSON, the way route() shapes them), and shaping drops
// nothing they hold: the schemas are neither too strict (a 500 with HANGAR_VALIDATE_RESPONSES)
// nor too loose (a field silently missing from an answer).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { listCloudAccountChoices, listCloudAccounts } from "../lib/cloud-accounts/manage-cloud-accounts";
import { cloudAccountList } from "../lib/cloud-accounts/api-schemas";
import { environmentList, environmentRun, environmentView, extendedLease } from "../lib/environments/api-schemas";
import { extendEnvironment } from "../lib/environments/extend-environment";
import { getEnvironment } from "../lib/environments/get-environment";
import { listEnvironments } from "../lib/environments/list-environments";
import { requestEnvironment } from "../lib/environments/request-environment";
import { listEnvironmentsSchema } from "../lib/environments/schemas";
import { meView, userList } from "../lib/identity/api-schemas";
import { listUsers, listUsersSchema } from "../lib/identity/users";
import { itemsOf } from "../lib/api-contract/common-schemas";
import { logLine } from "../lib/runs/api-schemas";
import { getEnvironmentLogs } from "../lib/runs/get-run-logs";
import { catalogPage, templateList, templateView, versionList } from "../lib/templates/api-schemas";
import { catalogQuerySchema, listCatalog } from "../lib/templates/list-catalog";
import { getTemplate, listTemplates, listTemplateVersions } from "../lib/templates/list-templates";
import { createWorld, eventually, type World } from "./helpers/world";

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(async () => {
  await world?.close();
});

/** Parses the answer as route() does and returns what the client would get. */
function answer(schema: z.ZodType, value: unknown): unknown {
  const json: unknown = JSON.parse(JSON.stringify(value));
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`does not match: ${parsed.error.message}`);
  // Nothing the lib answered is dropped (the schemas are exact, not just permissive).
  expect(parsed.data).toEqual(json);
  return parsed.data;
}

describe("response schemas against real answers", () => {
  it("an environment from request to ready, its list, logs and lease", async () => {
    const requested = await requestEnvironment(world.db, world.developer, { name: "schema-1", template: "web-dev", parameters: {}, ttl: "2h" });
    await world.relay(requested.outbox);
    answer(environmentRun, { id: requested.environmentId, runId: requested.runId });
    const ready = await eventually(async () => {
      const env = await getEnvironment(world.db, world.developer, requested.environmentId);
      if (env.state === "failed") throw new Error(env.failureReason ?? "failed");
      return env.state === "ready" && env.runs[0]?.state === "succeeded" ? env : undefined;
    });
    answer(environmentView, ready);
    answer(environmentList, await listEnvironments(world.db, world.developer, listEnvironmentsSchema.parse({})));
    const lines = await getEnvironmentLogs(world.db, world.developer, { environmentId: ready.id, limit: 50 });
    expect(lines.length).toBeGreaterThan(0);
    answer(itemsOf(logLine), { items: lines });
    answer(extendedLease, await extendEnvironment(world.db, world.developer, { environmentId: ready.id, by: "1h" }));
  });

  it("templates, their versions and the catalog", async () => {
    answer(templateList, await listTemplates(world.db, world.developer, { limit: 50 }));
    answer(templateView, await getTemplate(world.db, world.developer, "web-dev"));
    answer(versionList, { items: await listTemplateVersions(world.db, world.developer, "web-dev") });
    answer(catalogPage, await listCatalog(world.db, world.developer, catalogQuerySchema.parse({})));
  });

  it("cloud accounts (details for admins, choices for everyone), users and the caller", async () => {
    answer(cloudAccountList, { items: await listCloudAccounts(world.db, world.admin) });
    answer(cloudAccountList, { items: await listCloudAccountChoices(world.db, world.developer) });
    answer(userList, await listUsers(world.db, world.admin, listUsersSchema.parse({})));
    // The caller holds session internals the answer must not carry.
    const me = meView.parse(JSON.parse(JSON.stringify(world.developer)));
    expect(me.email).toBe(world.developer.email);
    expect(me).not.toHaveProperty("sessionVersion");
  });
});
