import { describe, expect, it, vi } from "vitest";
import { LogBuffer, type LogLine } from "./log-buffer";

const line = (message: string) => ({ runId: "r", step: "s", level: "info" as const, message });

describe("LogBuffer", () => {
  it("writes lines in batches after a short delay, in order", async () => {
    vi.useFakeTimers();
    const batches: LogLine[][] = [];
    const buffer = new LogBuffer(async (lines) => void batches.push(lines), 200);
    buffer.add(line("a"));
    buffer.add(line("b"));
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(batches.map((b) => b.map((l) => l.message))).toEqual([["a", "b"]]);
    vi.useRealTimers();
  });

  it("hands the rest to the caller after earlier writes finished", async () => {
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const buffer = new LogBuffer(async (lines) => {
      await gate;
      order.push(...lines.map((l) => `written:${l.message}`));
    });
    buffer.add(line("first"));
    const flushing = buffer.flush();
    buffer.add(line("second"));
    const taking = buffer.take().then((lines) => order.push(...lines.map((l) => `taken:${l.message}`)));
    release();
    await Promise.all([flushing, taking]);
    expect(order).toEqual(["written:first", "taken:second"]);
  });
});
