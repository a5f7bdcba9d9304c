// How browser code calls the REST API: one reader of Hangar's JSON errors, so every button and
// form words failures the same way (network down, session ended, the API's own message).
/** A problem at a field path; for a template's YAML also where it is (1-based line and column). */
export type ApiIssue = { path: string; message: string; line?: number; column?: number };
export type ApiFailure = { ok: false; status: number; message: string; issues: ApiIssue[] };
export type ApiResult<T> = { ok: true; status: number; data: T } | ApiFailure;

type ErrorBody = { error?: { code?: string; message?: string; issues?: ApiIssue[] } };

const NETWORK_FAILURE: ApiFailure = { ok: false, status: 0, message: "Could not reach Hangar. Check your connection and try again.", issues: [] };

/** The one reader of a failed answer: Hangar's JSON error, or a plain message for its status. */
export async function readApiFailure(response: Response): Promise<ApiFailure> {
  const payload = (await response.json().catch(() => ({}))) as ErrorBody;
  if (response.status === 401) return { ok: false, status: 401, message: "Your session has ended. Sign in again to continue.", issues: [] };
  const error = payload.error;
  return { ok: false, status: response.status, message: error?.message ?? messageForStatus(response.status), issues: error?.issues ?? [] };
}

function messageForStatus(status: number): string {
  if (status === 403) return "You are not allowed to do this.";
  if (status === 404) return "It no longer exists, or you cannot see it.";
  if (status === 413) return "That is too large to send.";
  if (status === 429) return "Too many attempts. Wait a moment and try again.";
  if (status >= 500) return "Hangar hit a problem. Try again; if it keeps failing, ask an administrator to check the server logs.";
  return `The request failed (HTTP ${status}).`;
}

export async function callApi<T>(url: string, init: { method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; body?: unknown; signal?: AbortSignal }): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      signal: init.signal,
      ...(init.body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(init.body) }),
    });
  } catch {
    return NETWORK_FAILURE;
  }
  if (!response.ok) return readApiFailure(response);
  const payload = (await response.json().catch(() => ({}))) as unknown;
  return { ok: true, status: response.status, data: payload as T };
}
