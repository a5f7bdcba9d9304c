// The sandbox cloud's control API, for specs that make the cloud misbehave (capacity errors).
// Faults are global to the sandbox: specs run one at a time and clear what they set.
import { expect } from "@playwright/test";

export function sandboxUrl(): string | undefined {
  return process.env.E2E_SANDBOX_URL;
}

export async function setSandboxFaults(faults: Record<string, unknown>): Promise<void> {
  const url = sandboxUrl();
  if (!url) throw new Error("E2E_SANDBOX_URL is not set (the tests run against a system they did not start)");
  const response = await fetch(`${url}/_sandbox/config`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ faults }) });
  expect(response.status, await response.text()).toBe(200);
}

export const clearSandboxFaults = () => setSandboxFaults({ errors: [], latency: [], drops: [], capacity: [], deny: [] });

/**
 * No capacity for these instance types in these zones, for `count` launches each (Hangar's cloud
 * layer tries a capacity error once more before it moves on to the next type or zone).
 */
export function noCapacity(types: string[], zones: string[], count = 2) {
  return { capacity: types.flatMap((instanceType) => zones.map((zone) => ({ zone, instanceType, count }))) };
}
