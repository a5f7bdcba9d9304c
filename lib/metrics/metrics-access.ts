// Who may read GET /api/metrics: it lists every route, queue and cloud account's figures, so it
// is off until the operator sets HANGAR_METRICS_TOKEN, and then needs that bearer token. The
// comparison is over SHA-256 digests with timingSafeEqual: equal lengths whatever was sent, and
// no early exit that would tell a guesser how many characters were right.
import { createHash, timingSafeEqual } from "node:crypto";

export type MetricsAccess = "disabled" | "denied" | "allowed";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

export function metricsAccess(configuredToken: string | undefined, authorization: string | null): MetricsAccess {
  if (!configuredToken) return "disabled";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  const presented = match?.[1] ?? "";
  return timingSafeEqual(digest(presented), digest(configuredToken)) ? "allowed" : "denied";
}
