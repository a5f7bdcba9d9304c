// What open event streams cost Postgres: 50 streams of one environment on one process share one
// fallback poll (its snapshot read and its log read), so an idle interval costs a handful of
// queries, not 50 times that. Each stream still gets what its own caller may see (a viewer no
// retry action), new log lines once, and ends when its user is disabled or leaves the team.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../lib/db/client";
import { requestEnvironment } from "../lib/environments/request-environment";
import { loadCaller, type Caller } from "../lib/identity/caller";
import { EnvironmentFeed, type FeedEvent } from "../lib/runs/environment-feed";
import { userWithRole } from "./helpers/callers";
import { createWorld, eventually, type World } from "./helpers/world";

let world: World;
beforeAll(async () => {
  world = await createWorld({ worker: false });
});
afterAll(async () => {
  await world?.close();
});

const POLL_MS = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The test database with every statement counted (model calls and raw SQL alike). */
function countingDb(db: Db): { db: Db; count: () => number } {
  let queries = 0;
  const counted = db.$extends({
    query: {
      async $allOperations({ args, query }) {
        queries += 1;
        return query(args);
      },
    },
  }) as unknown as Db;
  return { db: counted, count: () => queries };
}

type Events = { listeners: ((kind: string) => void)[]; notify: (kind: string) => void };
function fakeEvents(): Events & { subscribe: (id: string, listener: (kind: string) => void) => Promise<() => void> } {
  const listeners: ((kind: string) => void)[] = [];
  return {
    listeners,
    notify: (kind) => listeners.forEach((listener) => listener(kind)),
    subscribe: async (_id, listener) => {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    },
  };
}

function stream(): { events: FeedEvent[]; send: (event: FeedEvent) => void } {
  const events: FeedEvent[] = [];
  return { events, send: (event) => events.push(event) };
}

const ofKind = <K extends FeedEvent["kind"]>(events: FeedEvent[], kind: K) => events.filter((e): e is Extract<FeedEvent, { kind: K }> => e.kind === kind);

describe("EnvironmentFeed", () => {
  it("50 streams of one environment share each poll: a few queries per interval, not one set per stream", async () => {
    const { environmentId, runId } = await requestEnvironment(world.db, world.developer, { name: "feed-shared", template: "web-dev", parameters: {} });
    await world.db.runLog.create({ data: { runId, level: "info", message: "before anyone watched" } });
    const viewer = await userWithRole(world.db, "feed-viewer@test.local", "demo", "viewer");
    const { db, count } = countingDb(world.db);
    const events = fakeEvents();
    const errors: unknown[] = [];
    const feed = new EnvironmentFeed({ db, events, reload: (caller: Caller) => loadCaller(db, caller.userId, caller.sessionVersion), onError: (error) => errors.push(error), pollMs: POLL_MS, debounceMs: 5 });
    const teamId = (await world.db.environment.findUniqueOrThrow({ where: { id: environmentId } })).teamId;

    const streams = Array.from({ length: 50 }, () => stream());
    const leaves = await Promise.all(streams.map((s, i) => feed.join(environmentId, teamId, i % 5 === 0 ? viewer : world.developer, undefined, s.send)));
    await eventually(async () => streams.every((s) => ofKind(s.events, "logs").length > 0) || undefined, { what: "every stream's first snapshot and logs" });
    for (const s of streams) {
      expect(ofKind(s.events, "snapshot")).toHaveLength(1);
      expect(ofKind(s.events, "logs").flatMap((e) => e.lines.map((l) => l.message))).toContain("before anyone watched");
    }
    // What a caller may do is theirs: the viewer's snapshot offers no cancel.
    const canWrite = (s: { events: FeedEvent[] }) => ofKind(s.events, "snapshot")[0]!.snapshot.canWrite;
    expect(canWrite(streams[0]!)).toBe(false);
    expect(canWrite(streams[1]!)).toBe(true);

    // Idle intervals: nothing changed, nothing is sent, and the reads do not grow with the streams.
    const before = count();
    const intervals = 5;
    await sleep(POLL_MS * intervals);
    const perInterval = (count() - before) / intervals;
    expect(perInterval).toBeGreaterThan(0); // the fallback poll does run
    expect(perInterval).toBeLessThan(20); // one stream alone costs about this much; 50 used to cost 50 times it
    for (const s of streams) expect(ofKind(s.events, "snapshot")).toHaveLength(1);

    // A change: every stream gets the new line once, after its own cursor.
    await world.db.runLog.create({ data: { runId, level: "info", message: "while watched" } });
    events.notify("log");
    const lines = (s: { events: FeedEvent[] }) => ofKind(s.events, "logs").flatMap((e) => e.lines.map((l) => l.message));
    await eventually(async () => streams.every((s) => lines(s).includes("while watched")) || undefined, { what: "the new line on every stream" });
    for (const s of streams) expect(ofKind(s.events, "logs").flatMap((e) => e.lines.map((l) => l.message)).filter((m) => m === "while watched")).toHaveLength(1);

    leaves.forEach((leave) => leave());
    expect(feed.watching).toBe(0);
    expect(events.listeners).toHaveLength(0); // the last stream out unsubscribes and stops polling
    // A refresh already running when the streams left may finish its last read; then nothing more.
    await sleep(100);
    const after = count();
    await sleep(POLL_MS * 2);
    expect(count()).toBe(after);
    expect(errors).toEqual([]);
  });

  it("ends a stream when its user is disabled or leaves the team, within one poll", async () => {
    const { environmentId } = await requestEnvironment(world.db, world.developer, { name: "feed-ends", template: "web-dev", parameters: {} });
    const teamId = (await world.db.environment.findUniqueOrThrow({ where: { id: environmentId } })).teamId;
    const leaving = await userWithRole(world.db, "feed-leaving@test.local", "demo", "developer");
    const disabled = await userWithRole(world.db, "feed-disabled@test.local", "demo", "developer");
    const feed = new EnvironmentFeed({ db: world.db, events: fakeEvents(), reload: (caller: Caller) => loadCaller(world.db, caller.userId, caller.sessionVersion), onError: () => {}, pollMs: POLL_MS, debounceMs: 5 });
    const [a, b, c] = [stream(), stream(), stream()];
    await feed.join(environmentId, teamId, leaving, undefined, a.send);
    await feed.join(environmentId, teamId, disabled, undefined, b.send);
    const stop = await feed.join(environmentId, teamId, world.developer, undefined, c.send);
    await eventually(async () => [a, b, c].every((s) => s.events.length > 0) || undefined, { what: "first snapshots" });

    await world.db.membership.deleteMany({ where: { userId: leaving.userId } });
    await world.db.user.update({ where: { id: disabled.userId }, data: { disabledAt: new Date() } });
    // Within one poll, give or take a loaded machine.
    await eventually(async () => (a.events.at(-1)?.kind === "end" && b.events.at(-1)?.kind === "end") || undefined, { what: "both streams ended", timeoutMs: POLL_MS * 10 });
    expect(a.events.at(-1)).toEqual({ kind: "end", reason: "not_found" });
    expect(b.events.at(-1)).toEqual({ kind: "end", reason: "signed_out" });
    expect(c.events.some((e) => e.kind === "end")).toBe(false);
    expect(feed.watching).toBe(1);
    stop();
    expect(feed.watching).toBe(0);
  });
});
