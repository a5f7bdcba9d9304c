import type { ApiError, FieldErrors } from "./types";

export type SubmitResult = { ok: true; id: string } | { ok: false; message: string; fieldErrors: FieldErrors; unplaced: string[] };

/** POSTs the request; 4xx issues come back keyed by field path (name, ttl, parameters.branch…). */
export async function submitRequest(body: Record<string, unknown>, knownPaths: Set<string>): Promise<SubmitResult> {
  let response: Response;
  try {
    response = await fetch("/api/v1/environments", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  } catch {
    return { ok: false, message: "Could not reach Hangar. Check your connection and try again.", fieldErrors: {}, unplaced: [] };
  }
  const payload = (await response.json().catch(() => ({}))) as ApiError & { id?: string };
  if (response.status === 201 && payload.id) return { ok: true, id: payload.id };
  if (response.status === 401) return { ok: false, message: "Your session has ended. Sign in again to continue.", fieldErrors: {}, unplaced: [] };

  const fieldErrors: FieldErrors = {};
  const unplaced: string[] = [];
  for (const issue of payload.error?.issues ?? []) {
    if (knownPaths.has(issue.path) && !fieldErrors[issue.path]) fieldErrors[issue.path] = issue.message;
    else unplaced.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
  }
  const message =
    response.status === 403
      ? (payload.error?.message ?? "You are not allowed to request environments.")
      : Object.keys(fieldErrors).length > 0
        ? "The request was not accepted. Fix the highlighted fields and submit again."
        : (payload.error?.message ?? `The request failed (HTTP ${response.status}).`);
  return { ok: false, message, fieldErrors, unplaced: Object.keys(fieldErrors).length > 0 ? unplaced : [] };
}
