// What one web process reads from Postgres for its open event streams, shared per environment:
// N streams of one environment cost one snapshot read (two when both readers and writers watch:
// what a caller may do is part of the snapshot) and one log read per change or fallback poll,
// not N. The snapshot depends on the caller only through the team role, so it is read as a
// member of the environment's team with that role, and each stream checks its own caller
// (reloaded at most once per user per moment, however many streams the user has) before it is
// sent anything. Redis notifications say when to look; the fallback poll catches lost ones.
import { AppError } from "../errors";
import type { Tx } from "../db/client";
import type { Caller } from "../identity/caller";
import { hasTeamPermission } from "../identity/permissions";
import { getEnvironment } from "../environments/get-environment";
import { getEnvironmentLogs, type RunLogLine } from "./get-run-logs";
import { CallerChecks } from "./caller-checks";

export type EnvironmentSnapshot = Awaited<ReturnType<typeof getEnvironment>>;
export type FeedEvent =
  | { kind: "snapshot"; snapshot: EnvironmentSnapshot }
  | { kind: "logs"; lines: RunLogLine[]; cursor: string }
  | { kind: "end"; reason: "signed_out" | "not_found" };

export type FeedOptions = {
  db: Tx;
  events: { subscribe(environmentId: string, listener: (kind: string) => void): Promise<() => void> };
  /** The caller as they are now (disabled, signed out everywhere, token revoked: null). */
  reload: (caller: Caller) => Promise<Caller | null>;
  onError: (error: unknown, environmentId: string) => void;
  pollMs?: number;
  debounceMs?: number;
};

type Watcher = { caller: Caller; cursor: bigint | undefined; lastSnapshot: string; send: (event: FeedEvent) => void };

const LOG_PAGE = 500;

/** A stand-in member of the environment's team: what a viewer or a developer there sees. */
function teamMember(teamId: string, canWrite: boolean): Caller {
  return { userId: "stream-feed", email: "", name: "", isAdmin: false, sessionVersion: 0, memberships: [{ teamId, teamSlug: "", teamName: "", role: canWrite ? "developer" : "viewer" }] };
}

class Channel {
  readonly watchers = new Set<Watcher>();
  private pending: NodeJS.Timeout | undefined;
  private snapshotDue = false;
  private refreshing: Promise<void> | undefined;
  private again = false;
  poll: NodeJS.Timeout | undefined;
  unsubscribe: (() => void) | undefined;

  constructor(private readonly feed: EnvironmentFeed, readonly environmentId: string, readonly teamId: string) {}

  schedule(withSnapshot: boolean): void {
    this.snapshotDue ||= withSnapshot;
    this.pending ??= setTimeout(() => void this.flush(), this.feed.debounceMs);
  }

  /** One refresh at a time (they share the log cursor; an older snapshot must never overtake a newer one). */
  flush(): Promise<void> {
    this.pending = undefined;
    if (this.watchers.size === 0) return Promise.resolve();
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = this.refresh()
      .catch((error: unknown) => {
        if (error instanceof AppError && (error.status === 403 || error.status === 404)) this.endAll("not_found");
        else this.feed.onError(error, this.environmentId);
      })
      .finally(() => {
        this.refreshing = undefined;
        if (this.again) {
          this.again = false;
          void this.flush();
        }
      });
    return this.refreshing;
  }

  private end(watcher: Watcher, reason: "signed_out" | "not_found"): void {
    this.feed.leave(this.environmentId, watcher);
    watcher.send({ kind: "end", reason });
  }

  private endAll(reason: "not_found"): void {
    for (const watcher of [...this.watchers]) this.end(watcher, reason);
  }

  private async refresh(): Promise<void> {
    if (this.snapshotDue) {
      this.snapshotDue = false;
      await this.sendSnapshots();
    }
    await this.sendLogs();
  }

  private async sendSnapshots(): Promise<void> {
    const watchers = [...this.watchers];
    const fresh = await Promise.all(watchers.map((w) => this.feed.callers.check(w.caller)));
    const views = new Map<boolean, Promise<string>>();
    const view = (canWrite: boolean) => {
      let json = views.get(canWrite);
      if (!json) {
        json = getEnvironment(this.feed.db, teamMember(this.teamId, canWrite), this.environmentId).then((snapshot) => JSON.stringify(snapshot));
        views.set(canWrite, json);
      }
      return json;
    };
    for (const [index, watcher] of watchers.entries()) {
      const caller = fresh[index];
      if (!this.watchers.has(watcher)) continue;
      if (!caller) {
        this.end(watcher, "signed_out");
        continue;
      }
      watcher.caller = caller;
      // Removed from the team (or lost its role) since the stream opened: it ends as a foreign id would.
      if (!hasTeamPermission(caller, this.teamId, "environment:read")) {
        this.end(watcher, "not_found");
        continue;
      }
      const json = await view(hasTeamPermission(caller, this.teamId, "environment:write"));
      if (json !== watcher.lastSnapshot && this.watchers.has(watcher)) {
        watcher.lastSnapshot = json;
        watcher.send({ kind: "snapshot", snapshot: JSON.parse(json) as EnvironmentSnapshot });
      }
    }
  }

  private async sendLogs(): Promise<void> {
    const reader = teamMember(this.teamId, false);
    for (;;) {
      const watchers = [...this.watchers];
      if (watchers.length === 0) return;
      // From the stream furthest behind; each stream is sent only what it has not had.
      const fromStart = watchers.some((w) => w.cursor === undefined);
      const after = fromStart ? undefined : watchers.map((w) => w.cursor!).reduce((a, b) => (a < b ? a : b));
      const lines = await getEnvironmentLogs(this.feed.db, reader, { environmentId: this.environmentId, afterId: after, limit: LOG_PAGE });
      if (lines.length === 0) return;
      for (const watcher of watchers) {
        if (!this.watchers.has(watcher)) continue;
        const unseen = watcher.cursor === undefined ? lines : lines.filter((line) => BigInt(line.id) > watcher.cursor!);
        if (unseen.length === 0) continue;
        watcher.cursor = BigInt(unseen[unseen.length - 1]!.id);
        watcher.send({ kind: "logs", lines: unseen, cursor: watcher.cursor.toString() });
      }
      if (lines.length < LOG_PAGE) return;
    }
  }

  stop(): void {
    clearTimeout(this.pending);
    clearInterval(this.poll);
    this.unsubscribe?.();
  }
}

export class EnvironmentFeed {
  readonly db: Tx;
  readonly callers: CallerChecks;
  readonly debounceMs: number;
  readonly onError: FeedOptions["onError"];
  private readonly pollMs: number;
  private readonly channels = new Map<string, Channel>();
  private readonly opening = new Map<string, Promise<Channel>>();

  constructor(private readonly options: FeedOptions) {
    this.db = options.db;
    this.pollMs = options.pollMs ?? 3000;
    this.debounceMs = options.debounceMs ?? 75;
    this.onError = options.onError;
    // Shared by every stream of a user, so a user's 20 streams reload them once per poll, not 20 times.
    this.callers = new CallerChecks(options.reload, Math.min(1000, this.pollMs / 2));
  }

  /**
   * Follows the environment (which the caller must already be allowed to read, in `teamId`)
   * for one stream: it is sent a snapshot at once, then on every change, and log lines after
   * `cursor`. Returns the function that stops it.
   */
  async join(environmentId: string, teamId: string, caller: Caller, cursor: bigint | undefined, send: (event: FeedEvent) => void): Promise<() => void> {
    const channel = await this.channel(environmentId, teamId);
    const watcher: Watcher = { caller, cursor, lastSnapshot: "", send };
    channel.watchers.add(watcher);
    channel.schedule(true);
    return () => this.leave(environmentId, watcher);
  }

  leave(environmentId: string, watcher: Watcher): void {
    const channel = this.channels.get(environmentId);
    if (!channel || !channel.watchers.delete(watcher) || channel.watchers.size > 0) return;
    this.channels.delete(environmentId);
    channel.stop();
  }

  /** Open streams per environment on this process (for metrics and tests). */
  get watching(): number {
    return [...this.channels.values()].reduce((sum, channel) => sum + channel.watchers.size, 0);
  }

  private async channel(environmentId: string, teamId: string): Promise<Channel> {
    const open = this.channels.get(environmentId);
    if (open) return open;
    let opening = this.opening.get(environmentId);
    if (!opening) {
      opening = (async () => {
        const channel = new Channel(this, environmentId, teamId);
        channel.unsubscribe = await this.options.events.subscribe(environmentId, (kind) => channel.schedule(kind !== "log"));
        channel.poll = setInterval(() => channel.schedule(true), this.pollMs);
        channel.poll.unref?.();
        this.channels.set(environmentId, channel);
        return channel;
      })().finally(() => this.opening.delete(environmentId));
      this.opening.set(environmentId, opening);
    }
    return opening;
  }
}
