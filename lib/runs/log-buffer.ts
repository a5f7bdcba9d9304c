// A step's log lines are written in small batches instead of one INSERT each: lines wait at most
// `flushAfterMs` (or until the step settles, when they are written together with its new state),
// so the browser still sees them live while a busy worker saves most of the round trips.
export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogLine = { runId: string; step: string | null; level: LogLevel; message: string; at: Date };

export class LogBuffer {
  private lines: LogLine[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: (lines: LogLine[]) => Promise<void>,
    private readonly flushAfterMs = 200,
  ) {}

  add(line: Omit<LogLine, "at">): void {
    this.lines.push({ ...line, message: line.message.slice(0, 8000), at: new Date() });
    this.timer ??= setTimeout(() => void this.flush(), this.flushAfterMs);
  }

  /** Writes what is buffered now. Errors surface to the next take()/flush() caller. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const lines = this.lines;
    this.lines = [];
    if (lines.length > 0) this.inFlight = this.inFlight.then(() => this.write(lines));
    return this.inFlight;
  }

  /** Waits for earlier flushes and hands over the rest, for the caller to write with the step's state. */
  async take(): Promise<LogLine[]> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
    const lines = this.lines;
    this.lines = [];
    return lines;
  }
}
