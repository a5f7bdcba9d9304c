// How browser code calls the REST API: one reader of Hangar's JSON errors, so every button and
// form words failures the same way (network down, session ended, the API's own message).
/** A problem at a field path; for a template's YAML also where it is (1-based line and column). */
export type ApiIssue = { path: string; message: string; line?: number; column?: number };
export type ApiFailure = { ok: false; status: number; message: string; issues: ApiIssue[] };
export type ApiResult<T> = { ok: true; status: number; data: T } | ApiFailure;

type ErrorBody = { error?: { message?: string; issues?: ApiIssue[] } };

export async function callApi<T>(url: string, init: { method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; body?: unknown; signal?: AbortSignal }): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      signal: init.signal,
      ...(init.body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(init.body) }),
    });
  } catch {
    return { ok: false, status: 0, message: "Could not reach Hangar. Check your connection and try again.", issues: [] };
  }
  const payload = (await response.json().catch(() => ({}))) as unknown;
  if (response.ok) return { ok: true, status: response.status, data: payload as T };
  if (response.status === 401) return { ok: false, status: 401, message: "Your session has ended. Sign in again to continue.", issues: [] };
  const error = (payload as ErrorBody).error;
  return { ok: false, status: response.status, message: error?.message ?? `The request failed (HTTP ${response.status}).`, issues: error?.issues ?? [] };
}
