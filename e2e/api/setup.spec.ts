// The first-admin setup link on a system that has users (the launcher seeds the demo): the page
// says an admin exists, and POST /api/setup refuses bad input at its fields and everything else
// with 409, never creating a user.
import { expect, test } from "@playwright/test";
import { expectError } from "../support/api";

const valid = { token: "a-token-that-was-never-issued", email: "late@example.com", name: "Late Comer", team: "Ops", password: "long-enough-password" };

test("/setup says an administrator exists, whatever the token", async ({ request }) => {
  for (const path of ["/setup", `/setup?token=${valid.token}`]) {
    const response = await request.get(path);
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain("Hangar already has an administrator");
  }
});

test("POST /api/setup refuses bad input at its fields, a non-JSON body, and any token once an admin exists", async ({ request }) => {
  await expectError(await request.post("/api/setup", { data: { ...valid, password: "short", email: "nope" } }), 400, "invalid", "password");
  await expectError(await request.post("/api/setup", { headers: { "content-type": "text/plain" }, data: JSON.stringify(valid) }), 415, "unsupported_media_type");
  const body = await expectError(await request.post("/api/setup", { data: valid }), 409, "conflict");
  expect(body.error.message).toMatch(/already has an administrator/);
});
