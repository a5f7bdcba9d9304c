import { setTimeout as sleep } from "node:timers/promises";
import type { Supervised } from "./supervised-process";

/** Polls a URL until it answers 2xx; fails early if the process that should serve it exits. */
export async function waitForHttp(url: string, options: { timeoutMs: number; process?: Supervised }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let exited = false;
  void options.process?.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${options.process?.name} exited before ${url} answered`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer within ${Math.round(options.timeoutMs / 1000)} s`);
}
