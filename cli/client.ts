// The CLI's one HTTP client for /api/v1: the bearer token on every call, JSON in and out, the
// API's error shape turned into ApiError (code, message, field paths), and a server that cannot
// be reached turned into a message that says which address was tried and what to check.
import { ApiError, CliError, type Issue } from "./errors";
import type { Target } from "./config";
import { CLI_VERSION } from "./version";

export type Query = Record<string, string | number | boolean | undefined>;

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed",
  ECONNRESET: "connection reset",
  ETIMEDOUT: "connection timed out",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
  CERT_HAS_EXPIRED: "its TLS certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "its TLS certificate is self-signed",
};

export class ApiClient {
  constructor(readonly target: Pick<Target, "url" | "token">) {}

  url(path: string, query: Query = {}): string {
    const url = new URL(`${this.target.url}${path}`);
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== "") url.searchParams.set(key, String(value));
    return url.toString();
  }

  async get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>("GET", path, { query });
  }

  async post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>("POST", path, { body: body ?? {} });
  }

  async request<T>(method: string, path: string, options: { query?: Query; body?: unknown } = {}): Promise<T> {
    const response = await this.send(this.url(path, options.query), {
      method,
      headers: { ...this.headers("application/json"), ...(options.body !== undefined ? { "content-type": "application/json" } : {}) },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    });
    if (!response.ok) throw await apiErrorOf(response);
    const text = await response.text();
    return (text ? JSON.parse(text) : {}) as T;
  }

  /** Opens a Server-Sent Events stream; the caller reads the body. */
  async openStream(path: string, options: { lastEventId?: string; signal?: AbortSignal } = {}): Promise<Response> {
    const response = await this.send(this.url(path), {
      headers: { ...this.headers("text/event-stream"), ...(options.lastEventId ? { "last-event-id": options.lastEventId } : {}) },
      signal: options.signal,
    });
    if (!response.ok) throw await apiErrorOf(response);
    return response;
  }

  private headers(accept: string): Record<string, string> {
    return { authorization: `Bearer ${this.target.token}`, accept, "user-agent": `hangar-cli/${CLI_VERSION}` };
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, init);
    } catch (error) {
      if ((error as Error).name === "AbortError") throw error;
      throw unreachable(this.target.url, error);
    }
  }
}

/** A fetch failure as a sentence: which server, why, and what to check. */
export function unreachable(url: string, error: unknown): CliError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code;
  const reason = (code && NETWORK_REASONS[code]) ?? cause?.message ?? (error as Error).message;
  return new CliError(`Cannot reach Hangar at ${url} (${reason}). Is the server running, and is the address right? (HANGAR_URL or \`hangar login --url\`)`, 1, "unreachable");
}

async function apiErrorOf(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => "");
  let body: { error?: { code?: unknown; message?: unknown; issues?: unknown } } | undefined;
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = undefined;
  }
  const error = body?.error;
  const issues = Array.isArray(error?.issues) ? (error.issues as Issue[]).filter((i) => typeof i?.path === "string" && typeof i?.message === "string") : [];
  let message = typeof error?.message === "string" ? error.message : `${response.status} ${response.statusText || "error"} from ${new URL(response.url || "http://x").pathname}`;
  if (response.status === 401) message += " (the token was refused: run `hangar login` again, or check HANGAR_TOKEN)";
  return new ApiError(response.status, typeof error?.code === "string" ? error.code : `http_${response.status}`, message, issues);
}
