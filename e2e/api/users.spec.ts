// Site admins disable users: every open session of the user stops working at once (pages,
// API), re-enabling does not revive old sessions, and only admins may do it.
import { expect, test } from "@playwright/test";
import { ADMIN_EMAIL, DEVELOPER_EMAIL, expectError, signedInContext } from "../support/api";
import { createUser } from "../support/users";

test("disabling a user ends their sessions at once; re-enabling lets them sign in again", async () => {
  const admin = await signedInContext(ADMIN_EMAIL);
  const user = await createUser({ role: "developer", teamSlug: "demo", label: "disable-me" });
  const session = await signedInContext(user.email, user.password);
  try {
    expect((await session.get("/api/v1/me")).status()).toBe(200);
    const listed = (await (await admin.get(`/api/v1/users?search=${encodeURIComponent(user.email)}`)).json()) as { items: { id: string; email: string; disabledAt: string | null }[]; total: number };
    expect(listed.total).toBe(1);
    const id = listed.items[0]!.id;

    const disabled = await admin.patch(`/api/v1/users/${id}`, { data: { disabled: true } });
    expect(disabled.status()).toBe(200);
    expect(((await disabled.json()) as { disabledAt: string | null }).disabledAt).not.toBeNull();
    await expectError(await session.get("/api/v1/me"), 401, "unauthenticated");
    await expectError(await session.get("/api/v1/environments"), 401, "unauthenticated");

    expect((await admin.patch(`/api/v1/users/${id}`, { data: { disabled: false } })).status()).toBe(200);
    await expectError(await session.get("/api/v1/me"), 401, "unauthenticated"); // old sessions stay revoked
    const again = await signedInContext(user.email, user.password);
    expect((await again.get("/api/v1/me")).status()).toBe(200);
    await again.dispose();
  } finally {
    await session.dispose();
    await admin.dispose();
  }
});

test("only admins manage users, nobody disables themselves, bad input is a 400 with its field", async () => {
  const admin = await signedInContext(ADMIN_EMAIL);
  const developer = await signedInContext(DEVELOPER_EMAIL);
  try {
    await expectError(await developer.get("/api/v1/users"), 403, "forbidden");
    const me = (await (await admin.get("/api/v1/me")).json()) as { userId: string };
    await expectError(await developer.patch(`/api/v1/users/${me.userId}`, { data: { disabled: true } }), 403, "forbidden");
    await expectError(await admin.patch(`/api/v1/users/${me.userId}`, { data: { disabled: true } }), 409, "conflict");
    await expectError(await admin.patch(`/api/v1/users/${me.userId}`, { data: { disabled: "yes" } }), 400, "invalid", "disabled");
    await expectError(await admin.patch(`/api/v1/users/00000000-0000-0000-0000-000000000000`, { data: { disabled: true } }), 404, "not_found");
  } finally {
    await developer.dispose();
    await admin.dispose();
  }
});
