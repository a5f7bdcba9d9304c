// HTTP helpers for the API specs: sign in through next-auth's credentials flow (the same
// requests the sign-in form makes), and small wrappers for environments.
import { randomBytes } from "node:crypto";
import { expect, request as playwrightRequest, type APIRequestContext, type APIResponse } from "@playwright/test";

/** Set by the global setup (the password it launched Hangar with); set it yourself with E2E_BASE_URL. */
export const DEMO_PASSWORD = process.env.HANGAR_DEMO_PASSWORD ?? "";
export const DEVELOPER_EMAIL = "dev@hangar.local";
export const ADMIN_EMAIL = "admin@hangar.local";

export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error("E2E_BASE_URL is not set: run through `playwright test` (the global setup starts Hangar)");
  return url;
}

/** A lower-case name unique to this run, valid as an environment name (≤ 40 characters). */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(2).toString("hex")}`;
}

/** GET /api/auth/csrf, then POST the credentials form; cookies stay in the context. */
export async function postCredentials(context: APIRequestContext, email: string, password: string): Promise<APIResponse> {
  const csrf = await context.get("/api/auth/csrf");
  expect(csrf.status()).toBe(200);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return context.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, callbackUrl: `${baseUrl()}/environments`, json: "true" },
    maxRedirects: 0,
  });
}

/** A new request context signed in as `email`; fails the test if sign-in does not work. */
export async function signedInContext(email: string, password = DEMO_PASSWORD): Promise<APIRequestContext> {
  // Cookie-authenticated changes must come from Hangar's origin (its CSRF check), as its pages do.
  const context = await playwrightRequest.newContext({ baseURL: baseUrl(), extraHTTPHeaders: { origin: new URL(baseUrl()).origin } });
  await postCredentials(context, email, password);
  const me = await context.get("/api/v1/me");
  expect(me.status(), `sign-in as ${email} should give a session${password ? "" : " (HANGAR_DEMO_PASSWORD is not set)"}`).toBe(200);
  expect(((await me.json()) as { email: string }).email).toBe(email);
  return context;
}

export type ApiError = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };

/** Asserts a JSON error with this status and code (and field path), and returns its body. */
export async function expectError(response: APIResponse, status: number, code: string, path?: string): Promise<ApiError> {
  expect(response.status(), await response.text()).toBe(status);
  expect(response.headers()["content-type"]).toContain("application/json");
  const body = (await response.json()) as ApiError;
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(5);
  if (path) expect(body.error.issues?.map((issue) => issue.path)).toContain(path);
  return body;
}

export type EnvironmentView = {
  id: string;
  name: string;
  state: string;
  canWrite: boolean;
  outputs: Record<string, string>;
  instances: { cloudId: string; state: string; publicIp: string | null; privateIp: string | null }[];
  failureReason?: string | null;
  runs: {
    id: string;
    kind: string;
    state: string;
    retryCount: number;
    retryFrom: string | null;
    canCancel: boolean;
    steps: { name: string; state: string; attempt: number; waitReason: string | null; resumeAt: string | null }[];
  }[];
};

/** How many environments the caller can see, in any state (counted up to 1,000). */
export async function environmentCount(context: APIRequestContext): Promise<number> {
  const response = await context.get("/api/v1/environments?state=all&limit=1");
  expect(response.status()).toBe(200);
  return ((await response.json()) as { total: number }).total;
}

export async function requestEnvironment(context: APIRequestContext, body: Record<string, unknown>): Promise<{ id: string; runId: string }> {
  const response = await context.post("/api/v1/environments", { data: body });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: string; runId: string };
}

export async function getEnvironment(context: APIRequestContext, id: string): Promise<EnvironmentView> {
  const response = await context.get(`/api/v1/environments/${id}`);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as EnvironmentView;
}

/** Polls GET until the environment is in one of `states`; fails early on `failed`. */
export async function waitForState(context: APIRequestContext, id: string, states: string[], timeoutMs = 45_000): Promise<EnvironmentView> {
  let last: EnvironmentView | undefined;
  await expect
    .poll(
      async () => {
        last = await getEnvironment(context, id);
        // Failed for good only when no run will move it on: a run canceled by a destroy leaves the
        // environment failed for the moment before the destroy starts.
        const moving = last.runs.some((run) => run.state === "queued" || run.state === "running");
        if (last.state === "failed" && !states.includes("failed") && !moving) throw new Error(`environment ${id} failed: ${JSON.stringify(last.runs[0])}`);
        return last.state;
      },
      { timeout: timeoutMs, intervals: [250, 500, 1000] },
    )
    .toMatch(new RegExp(`^(${states.join("|")})$`));
  return last!;
}

/** Destroys and waits for `destroyed` (cleanup that tolerates an environment already going). */
export async function destroyAndWait(context: APIRequestContext, id: string): Promise<void> {
  const response = await context.delete(`/api/v1/environments/${id}`);
  expect([202, 409]).toContain(response.status());
  await waitForState(context, id, ["destroyed"]);
}
