// Names are taken exactly as sent: capitals, spaces or other characters are a 400 at the field
// with the nearest name that fits ("try 'my-env'"), and nothing is created under a name the
// client never asked for (`My-Env` used to become `my-env` without a word).
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEVELOPER_EMAIL, environmentCount, expectError, signedInContext } from "../support/api";

let developer: APIRequestContext;
test.beforeAll(async () => {
  developer = await signedInContext(DEVELOPER_EMAIL);
});
test.afterAll(async () => {
  await developer?.dispose();
});

test("an environment name with capitals is refused with the lowercase one, and nothing is created", async () => {
  const before = await environmentCount(developer);
  for (const [sent, suggested] of [
    ["My-Env", "my-env"],
    [" my-env", "my-env"],
    ["Checkout Redesign!", "checkout-redesign"],
  ] as const) {
    const error = await expectError(await developer.post("/api/v1/environments", { data: { name: sent, template: "web-dev" } }), 400, "invalid", "name");
    expect(error.error.issues?.find((issue) => issue.path === "name")?.message).toBe(`must use only lowercase letters, digits and hyphens: try '${suggested}'`);
  }
  expect(await environmentCount(developer)).toBe(before);
});

test("a service name is refused the same way, never rewritten", async () => {
  const body = { name: "My-Service", template: "web-dev", instanceGroup: "web" };
  const error = await expectError(await developer.post("/api/v1/services", { data: body }), 400, "invalid", "name");
  expect(error.error.issues?.find((issue) => issue.path === "name")?.message).toContain("try 'my-service'");
  expect((await developer.get("/api/v1/services/my-service")).status()).toBe(404);
});
