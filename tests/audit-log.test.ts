// The audit log for site admins on real Postgres: filters (actor, action prefix, target type,
// team, time range, text), keyset pages that neither skip nor repeat, and exports as RFC 4180
// CSV (formula-safe) and JSON Lines that hold no secrets; nobody else may read it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAuditEvent } from "../lib/audit/record-audit-event";
import { listAuditEventsQuery, exportAuditEventsQuery } from "../lib/audit/audit-schemas";
import { listAuditEvents } from "../lib/audit/list-audit-events";
import { AUDIT_CSV_COLUMNS, exportAuditEvents } from "../lib/audit/export-audit-events";
import { loadCaller, type Caller } from "../lib/identity/caller";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { failure, userWithRole } from "./helpers/callers";

let database: TestDatabase;
let admin: Caller;
let developer: Caller;
let teamId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  const made = await userWithRole(database.db, "auditor@example.com", "ops", "admin");
  await database.db.user.update({ where: { id: made.userId }, data: { isAdmin: true } });
  admin = (await loadCaller(database.db, made.userId))!;
  developer = await userWithRole(database.db, "dev@example.com", "ops", "developer");
  teamId = admin.memberships[0]!.teamId;
  const actor = { id: admin.userId, email: admin.email };
  for (let i = 0; i < 30; i++) {
    await recordAuditEvent(database.db, { actor, action: i % 2 ? "environment.request" : "environment.destroy", target: { type: "environment", id: `env-${i}` }, teamId });
  }
  await recordAuditEvent(database.db, {
    actor: { id: developer.userId, email: developer.email },
    action: "cloud_account.update",
    target: { type: "cloud_account", id: "=HYPERLINK(\"http://evil\")" },
    after: { name: "prod, \"main\"", secretAccessKey: "AKIA-CANARY-SECRET", note: "line1\nline2" },
    context: { ip: "198.51.100.4" },
  });
  await database.db.auditEvent.updateMany({ where: { targetId: "env-0" }, data: { at: new Date("2026-01-15T12:00:00Z") } });
});
afterAll(async () => database?.drop());

const list = (query: Record<string, string>) => listAuditEvents(database.db, admin, listAuditEventsQuery.parse(query));
async function text(query: Record<string, string>): Promise<string> {
  let out = "";
  for await (const piece of exportAuditEvents(database.db, admin, exportAuditEventsQuery.parse(query))) out += piece;
  return out;
}

describe("audit log", () => {
  it("is for site admins only", async () => {
    expect((await failure(listAuditEvents(database.db, developer, listAuditEventsQuery.parse({})))).status).toBe(403);
    expect((await failure(exportAuditEvents(database.db, developer, exportAuditEventsQuery.parse({})).next())).status).toBe(403);
  });

  it("filters by actor, action prefix, target type, team, time range and text", async () => {
    expect((await list({ actor: "dev@" })).items.map((e) => e.action)).toEqual(["cloud_account.update"]);
    expect((await list({ action: "environment.req" })).total).toBe(15);
    expect((await list({ targetType: "environment", teamId })).total).toBe(30);
    expect((await list({ q: "198.51.100" })).items.map((e) => e.target.type)).toEqual(["cloud_account"]);
    expect((await list({ from: "2026-01-15", to: "2026-01-15" })).items.map((e) => e.target.id)).toEqual(["env-0"]);
    expect((await list({ to: "2026-01-14" })).total).toBe(0);
    const event = (await list({ targetType: "environment", limit: "1" })).items[0]!;
    expect(event.team).toEqual({ id: teamId, slug: "ops" });
    const bad = listAuditEventsQuery.safeParse({ from: "2026-02-01", to: "2026-01-01" });
    expect(bad.error?.issues.map((issue) => issue.path.join("."))).toEqual(["to"]);
    expect(listAuditEventsQuery.safeParse({ from: "yesterday" }).error?.issues.map((issue) => issue.path.join("."))).toEqual(["from"]);
  });

  it("pages newest first by keyset, forwards and back, without skipping or repeating", async () => {
    const seen: string[] = [];
    let page = await list({ limit: "7" });
    expect(page.page).toBe(1);
    const first = page;
    for (;;) {
      seen.push(...page.items.map((e) => e.id));
      if (!page.nextCursor) break;
      page = await list({ limit: "7", cursor: page.nextCursor });
    }
    expect(seen).toHaveLength(31);
    expect(new Set(seen).size).toBe(31);
    expect(seen.map(BigInt)).toEqual([...seen.map(BigInt)].sort((a, b) => (a > b ? -1 : 1)));
    expect(page.page).toBe(5);
    const second = await list({ limit: "7", cursor: first.nextCursor! });
    const back = await list({ limit: "7", cursor: second.prevCursor! });
    expect(back.items.map((e) => e.id)).toEqual(first.items.map((e) => e.id));
    expect(back.page).toBe(1);
    await expect(list({ cursor: "not-a-cursor" })).rejects.toMatchObject({ status: 400, issues: [{ path: "query.cursor" }] });
    // An edited cursor whose id is past Postgres' bigint is refused at the field, not a 500.
    const huge = Buffer.from(JSON.stringify(["a", ["9999999999999999999"], "audit:newest"])).toString("base64url");
    await expect(list({ cursor: huge })).rejects.toMatchObject({ status: 400, issues: [{ path: "query.cursor" }] });
  });

  it("exports RFC 4180 CSV, formula-safe, and JSON Lines, with secrets scrubbed", async () => {
    const csv = await text({ format: "csv", actor: "dev@" });
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(AUDIT_CSV_COLUMNS.join(","));
    expect(csv.endsWith("\r\n")).toBe(true);
    // The target id starts with = and holds quotes: prefixed with ' and quoted with quotes doubled.
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).toContain('""name"":""prod, \\""main\\""""');
    expect(csv).not.toContain("AKIA-CANARY-SECRET");
    const all = await text({ format: "csv" });
    expect(all.split("\r\n").filter(Boolean)).toHaveLength(32);

    const jsonl = await text({ format: "jsonl" });
    const rows = jsonl.trimEnd().split("\n").map((line) => JSON.parse(line) as { action: string; after: unknown });
    expect(rows).toHaveLength(31);
    expect(rows[0]).toMatchObject({ action: "cloud_account.update", after: { secretAccessKey: "[redacted]", note: "line1\nline2" } });
    expect(jsonl).not.toContain("AKIA-CANARY-SECRET");
  });
});
