import { describe, expect, it } from "vitest";
import { createBatcher } from "./batcher";

/** A manual scheduler: timers run only when the test says so. */
function manualSchedule() {
  const timers: (() => void)[] = [];
  return {
    schedule: (run: () => void) => void timers.push(run),
    fireAll: () => timers.splice(0).forEach((run) => run()),
    get count() {
      return timers.length;
    },
  };
}

function recordingExecute() {
  const batches: string[][] = [];
  const execute = async (keys: string[]) => {
    batches.push(keys);
    return new Map(keys.map((key) => [key, `done:${key}`]));
  };
  return { batches, execute };
}

describe("createBatcher", () => {
  it("coalesces concurrent callers into one call and gives each caller its own results", async () => {
    const timer = manualSchedule();
    const { batches, execute } = recordingExecute();
    const batcher = createBatcher({ maxWaitMs: 50, maxBatch: 100, execute, schedule: timer.schedule });

    const a = batcher.load(["i-1", "i-2"]);
    const b = batcher.load(["i-3"]);
    const c = batcher.load(["i-2", "i-4"]); // i-2 also requested by a: sent once
    timer.fireAll();

    await expect(a).resolves.toEqual(["done:i-1", "done:i-2"]);
    await expect(b).resolves.toEqual(["done:i-3"]);
    await expect(c).resolves.toEqual(["done:i-2", "done:i-4"]);
    expect(batches).toEqual([["i-1", "i-2", "i-3", "i-4"]]);
  });

  it("flushes immediately at maxBatch without waiting for the timer", async () => {
    const timer = manualSchedule();
    const { batches, execute } = recordingExecute();
    const batcher = createBatcher({ maxWaitMs: 60_000, maxBatch: 3, execute, schedule: timer.schedule });

    const full = batcher.load(["a", "b", "c"]);
    await expect(full).resolves.toEqual(["done:a", "done:b", "done:c"]);
    expect(batches).toEqual([["a", "b", "c"]]);
  });

  it("splits one large request across batches and keeps the caller's order", async () => {
    const timer = manualSchedule();
    const { batches, execute } = recordingExecute();
    const batcher = createBatcher({ maxWaitMs: 50, maxBatch: 2, execute, schedule: timer.schedule });

    const result = batcher.load(["a", "b", "c", "d", "e"]);
    timer.fireAll(); // the last, partial batch waits for its timer
    await expect(result).resolves.toEqual(["done:a", "done:b", "done:c", "done:d", "done:e"]);
    expect(batches).toEqual([["a", "b"], ["c", "d"], ["e"]]);
  });

  it("propagates a failed batch to every caller in it", async () => {
    const timer = manualSchedule();
    const batcher = createBatcher<string, string>({
      maxWaitMs: 50,
      maxBatch: 10,
      execute: async () => {
        throw new Error("boom");
      },
      schedule: timer.schedule,
    });
    const a = batcher.load(["a"]);
    const b = batcher.load(["b"]);
    timer.fireAll();
    await expect(a).rejects.toThrow("boom");
    await expect(b).rejects.toThrow("boom");
  });

  it("rejects a caller whose key got no result", async () => {
    const timer = manualSchedule();
    const batcher = createBatcher<string, string>({
      maxWaitMs: 50,
      maxBatch: 10,
      execute: async (keys) => new Map(keys.filter((key) => key !== "lost").map((key) => [key, key])),
      schedule: timer.schedule,
    });
    const ok = batcher.load(["a"]);
    const lost = batcher.load(["lost"]);
    timer.fireAll();
    await expect(ok).resolves.toEqual(["a"]);
    await expect(lost).rejects.toThrow(/no result for lost/);
  });

  it("opens a new batch for callers arriving after a flush", async () => {
    const { batches, execute } = recordingExecute();
    const batcher = createBatcher({ maxWaitMs: 5, maxBatch: 10, execute });
    await batcher.load(["a"]);
    await batcher.load(["b"]);
    expect(batches).toEqual([["a"], ["b"]]);
  });

  it("answers an empty request without a call", async () => {
    const { batches, execute } = recordingExecute();
    const batcher = createBatcher({ maxWaitMs: 5, maxBatch: 10, execute });
    await expect(batcher.load([])).resolves.toEqual([]);
    expect(batches).toEqual([]);
  });
});
