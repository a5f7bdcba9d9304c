// PUT /_sandbox/instances/<instance-id>/behaviour — changes what a live instance simulates, for
// tests of what happens after a deploy passed its gate (a canary that degrades during its bake):
//   { statusChecks?: "ok" | "fail", http?: 100-599, httpDelayMs?: 0-120000 }
// -> 200 { instanceId, behaviour }; 400 for a bad body, 404 for an id no account has. The same
// effects as the user-data markers (engine/user-data-markers.ts), kept in the state file.
import { z } from "zod";
import type { CloudState } from "../engine/cloud-state";
import { MAX_HTTP_DELAY_MS } from "../engine/user-data-markers";
import type { AdminReply } from "./admin-network";

export const BEHAVIOUR_ROUTE = /^\/_sandbox\/instances\/(i-[0-9a-f]{8,17})\/behaviour$/;

const behaviourPatchSchema = z
  .object({
    statusChecks: z.enum(["ok", "fail"]).optional(),
    http: z.number().int().min(100).max(599).optional(),
    httpDelayMs: z.number().int().min(0).max(MAX_HTTP_DELAY_MS).optional(),
  })
  .strict();

export function setBehaviour(state: CloudState, instanceId: string, input: unknown): AdminReply {
  const parsed = behaviourPatchSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
    return { status: 400, body: { error: "invalid_request", issues } };
  }
  const instance = state
    .all()
    .map((p) => p.byId.get(instanceId))
    .find((i) => i !== undefined && !i.purged);
  if (instance === undefined) return { status: 404, body: { error: "unknown_instance", message: `no instance ${instanceId}` } };
  const { statusChecks, http, httpDelayMs } = parsed.data;
  if (statusChecks !== undefined) instance.behaviour.statusChecks = statusChecks;
  if (http !== undefined) instance.behaviour.httpStatus = http;
  if (httpDelayMs !== undefined) instance.behaviour.httpDelayMs = httpDelayMs;
  state.changed();
  return { status: 200, body: { instanceId, behaviour: instance.behaviour } };
}
