// Coalesces keyed requests from many concurrent callers into few bulk calls: requests arriving
// within `maxWaitMs` of the first one (or until `maxBatch` distinct keys) go out together, and
// each caller gets back only the results for its own keys. Destroying 200 environments at once
// then costs a handful of TerminateInstances calls instead of 200, and stays far below EC2's
// request buckets.

export interface BatcherOptions<K, V> {
  maxWaitMs: number;
  maxBatch: number;
  /** Runs one batch of distinct keys; must return a result for every key it was given. */
  execute(keys: K[]): Promise<Map<K, V>>;
  /** Injectable for tests; defaults to setTimeout. */
  schedule?: (run: () => void, ms: number) => void;
}

interface Waiter<K, V> {
  keys: K[];
  resolve(values: V[]): void;
  reject(error: unknown): void;
}

interface PendingBatch<K, V> {
  keys: Set<K>;
  waiters: Waiter<K, V>[];
  flushed: boolean;
}

export interface Batcher<K, V> {
  /** Resolves with one value per key, in the order given. */
  load(keys: K[]): Promise<V[]>;
}

export function createBatcher<K, V>(options: BatcherOptions<K, V>): Batcher<K, V> {
  if (options.maxBatch < 1) throw new RangeError("maxBatch must be at least 1");
  const schedule = options.schedule ?? ((run, ms) => void setTimeout(run, ms));
  let pending: PendingBatch<K, V> | null = null;

  function flush(batch: PendingBatch<K, V>): void {
    if (batch.flushed) return;
    batch.flushed = true;
    if (pending === batch) pending = null;
    // Promise.resolve().then: a synchronous throw in execute must reject the waiters too.
    void Promise.resolve()
      .then(() => options.execute([...batch.keys]))
      .then(
        (results) => {
          for (const waiter of batch.waiters) {
            const missing = waiter.keys.filter((key) => !results.has(key));
            if (missing.length > 0) waiter.reject(new Error(`Batch returned no result for ${missing.map(String).join(", ")}`));
            else waiter.resolve(waiter.keys.map((key) => results.get(key) as V));
          }
        },
        // One failed bulk call fails every caller in it: each must see the error, not hang.
        (error: unknown) => batch.waiters.forEach((waiter) => waiter.reject(error)),
      );
  }

  function openBatch(): PendingBatch<K, V> {
    const batch: PendingBatch<K, V> = { keys: new Set(), waiters: [], flushed: false };
    pending = batch;
    schedule(() => flush(batch), options.maxWaitMs);
    return batch;
  }

  /** Adds keys to the open batch, flushing at maxBatch; returns one promise per batch touched. */
  function enqueue(keys: K[]): Promise<V[]>[] {
    const parts: Promise<V[]>[] = [];
    let rest = keys;
    while (rest.length > 0) {
      const batch = pending ?? openBatch();
      const taken: K[] = [];
      let i = 0;
      for (; i < rest.length; i += 1) {
        const key = rest[i] as K;
        if (!batch.keys.has(key) && batch.keys.size >= options.maxBatch) break;
        batch.keys.add(key);
        taken.push(key);
      }
      rest = rest.slice(i);
      parts.push(new Promise<V[]>((resolve, reject) => batch.waiters.push({ keys: taken, resolve, reject })));
      if (batch.keys.size >= options.maxBatch) flush(batch);
    }
    return parts;
  }

  return {
    async load(keys) {
      if (keys.length === 0) return [];
      const parts = await Promise.all(enqueue(keys));
      return parts.flat();
    },
  };
}
