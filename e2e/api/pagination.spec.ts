// Keyset pages through the API: `limit` and the page's cursors walk a list forward and back with
// the page number; a cursor that is not one of the list's (garbage, or another list's) is a 400
// at `query.cursor` on every list; the old `page`/`pageSize` parameters are unknown fields.
import { expect, test } from "@playwright/test";
import { ADMIN_EMAIL, DEVELOPER_EMAIL, expectError, signedInContext } from "../support/api";

type Page = { items: { id: string; slug?: string }[]; nextCursor: string | null; prevCursor: string | null; total: number; totalCapped: boolean; page: number | null };

test("templates walk one at a time forward and back, with the page number", async () => {
  const developer = await signedInContext(DEVELOPER_EMAIL);
  try {
    const get = async (query: string) => {
      const response = await developer.get(`/api/v1/templates?limit=1${query}`);
      expect(response.status(), await response.text()).toBe(200);
      return (await response.json()) as Page;
    };
    const pages = [await get("")];
    while (pages.at(-1)!.nextCursor && pages.length < 50) pages.push(await get(`&cursor=${encodeURIComponent(pages.at(-1)!.nextCursor!)}`));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.map((page) => page.page)).toEqual(pages.map((_, index) => index + 1));
    expect(pages[0]).toMatchObject({ total: pages.length, totalCapped: false, prevCursor: null });
    const back = await get(`&cursor=${encodeURIComponent(pages[2]!.prevCursor!)}`);
    expect([back.page, back.items[0]!.id]).toEqual([2, pages[1]!.items[0]!.id]);
  } finally {
    await developer.dispose();
  }
});

test("a cursor that is not the list's is a 400 at query.cursor, on every list", async () => {
  const admin = await signedInContext(ADMIN_EMAIL);
  try {
    const templates = (await (await admin.get("/api/v1/templates?limit=1")).json()) as Page;
    const foreign = encodeURIComponent(templates.nextCursor!);
    for (const list of ["/api/v1/environments", "/api/v1/services", "/api/v1/users", "/api/v1/catalog", "/api/v1/deployments"]) {
      await expectError(await admin.get(`${list}?cursor=not-a-cursor`), 400, "invalid", "query.cursor");
      await expectError(await admin.get(`${list}?cursor=${foreign}`), 400, "invalid", "query.cursor");
    }
    await expectError(await admin.get("/api/v1/templates?cursor=not-a-cursor"), 400, "invalid", "query.cursor");
    await expectError(await admin.get("/api/v1/environments?page=2"), 400, "invalid", "query.page");
  } finally {
    await admin.dispose();
  }
});
