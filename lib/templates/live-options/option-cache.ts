// A small in-process cache for live cloud answers (VPCs, subnets, instance types...), kept per
// account + region + query for a short time (60 s by default), least recently used dropped
// first. Concurrent misses for one key share one cloud call, and a failed call is not kept, so
// a form opened by 50 people at once costs one DescribeSubnets, and a throttled answer is asked
// again next time. Each web process has its own: a value can be up to one TTL older than the cloud.
export const DEFAULT_OPTION_TTL_MS = 60_000;
const DEFAULT_MAX_ENTRIES = 500;

type Entry = { at: number; value: Promise<unknown> };

export type Cached<T> = { value: T; cachedAt: Date };

export class OptionCache {
  private readonly entries = new Map<string, Entry>();
  readonly ttlMs: number;

  constructor(private readonly options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_OPTION_TTL_MS;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** The cached answer for `key`, or `load()`'s (stored from when the call started). */
  async get<T>(key: string, load: () => Promise<T>): Promise<Cached<T>> {
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) {
      // Most recently used last: Map keeps insertion order, so the first key is the LRU one.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return { value: (await hit.value) as T, cachedAt: new Date(hit.at) };
    }
    const value = load();
    const entry: Entry = { at: now, value };
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > (this.options.maxEntries ?? DEFAULT_MAX_ENTRIES)) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    try {
      return { value: await value, cachedAt: new Date(now) };
    } catch (error) {
      if (this.entries.get(key) === entry) this.entries.delete(key);
      throw error;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}

// On globalThis: Next.js may bundle this module once per route, and the options route, the
// preview and the request must share one cache per process (and dev reloads must not leak one).
const holder = globalThis as unknown as { hangarLiveOptionCache?: OptionCache };

/** The process's cache, shared by the options route, requests and previews. */
export const liveOptionCache: OptionCache = (holder.hangarLiveOptionCache ??= new OptionCache());
