// Debounced, atomic snapshots: a burst of mutations produces one write, and a write is a temp
// file renamed over the old one, so a crash mid-write never leaves a torn state file.
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { CloudState } from "../engine/cloud-state";
import { fromSnapshot, toSnapshot } from "./snapshot-format";
import type { AnySnapshot } from "./snapshot-migrations";

export function loadSnapshot(file: string, state: CloudState): boolean {
  if (!existsSync(file)) return false;
  const snapshot = JSON.parse(readFileSync(file, "utf8")) as AnySnapshot;
  fromSnapshot(snapshot, state);
  return true;
}

export class SnapshotWriter {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private dirty = false;

  constructor(
    private readonly file: string,
    private readonly state: CloudState,
    private readonly debounceMs: number,
    private readonly clock: () => number,
    private readonly log: (line: string) => void,
  ) {}

  /** Marks state as changed; a write follows within debounceMs. */
  schedule(): void {
    this.dirty = true;
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush().catch((error: unknown) => this.log(`sandbox: snapshot failed: ${String(error)}`));
    }, this.debounceMs);
    this.timer.unref();
  }

  /** Writes now if anything changed (waits for a write in progress first). */
  async flush(): Promise<void> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.writing !== undefined) await this.writing;
    if (!this.dirty) return;
    this.dirty = false;
    this.writing = this.write().finally(() => {
      this.writing = undefined;
    });
    await this.writing;
  }

  private async write(): Promise<void> {
    const json = JSON.stringify(toSnapshot(this.state, this.clock()));
    const temp = `${this.file}.${process.pid}.tmp`;
    await mkdir(dirname(this.file), { recursive: true });
    await writeFile(temp, json);
    await rename(temp, this.file);
  }
}
