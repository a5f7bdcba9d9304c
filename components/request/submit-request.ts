import { callApi } from "../api-client";
import type { FieldErrors } from "./types";

export type SubmitResult = { ok: true; id: string } | { ok: false; message: string; fieldErrors: FieldErrors; unplaced: string[] };

/** POSTs the request; 4xx issues come back keyed by field path (name, ttl, parameters.branch…). */
export async function submitRequest(body: Record<string, unknown>, knownPaths: Set<string>): Promise<SubmitResult> {
  const result = await callApi<{ id: string }>("/api/v1/environments", { method: "POST", body });
  if (result.ok) return { ok: true, id: result.data.id };
  if (result.status === 401 || result.status === 0) return { ok: false, message: result.message, fieldErrors: {}, unplaced: [] };

  const fieldErrors: FieldErrors = {};
  const unplaced: string[] = [];
  for (const issue of result.issues) {
    if (knownPaths.has(issue.path) && !fieldErrors[issue.path]) fieldErrors[issue.path] = issue.message;
    else unplaced.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
  }
  const message = result.status !== 403 && Object.keys(fieldErrors).length > 0 ? "The request was not accepted. Fix the highlighted fields and submit again." : result.message;
  return { ok: false, message, fieldErrors, unplaced: Object.keys(fieldErrors).length > 0 ? unplaced : [] };
}
