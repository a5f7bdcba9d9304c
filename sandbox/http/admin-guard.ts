// What keeps a web page from driving the control API: the sandbox listens on loopback with no
// credentials, so any page a developer opens could otherwise reset it or rewrite its faults.
// A page can send "simple" cross-origin requests (form content types, no preflight) without
// asking, so every unsafe method must carry `Content-Type: application/json` (which forces a
// CORS preflight the sandbox never answers). A page can also rebind its own DNS name to
// 127.0.0.1 and then read the answers as same-origin, so the Host header must name a loopback
// address or one the operator configured (`--allowed-hosts`).
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

export interface GuardRefusal {
  status: 403 | 415;
  body: { error: string; message: string };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The host name of a Host header, without its port and IPv6 brackets, lower-cased. */
export function hostName(header: string): string {
  const trimmed = header.trim().toLowerCase();
  if (trimmed.startsWith("[")) return trimmed.slice(1, trimmed.indexOf("]") < 0 ? undefined : trimmed.indexOf("]"));
  const colon = trimmed.lastIndexOf(":");
  // One colon is host:port; more is a bare IPv6 address (not valid in Host, but harmless).
  return colon >= 0 && trimmed.indexOf(":") === colon ? trimmed.slice(0, colon) : trimmed;
}

export function isLoopbackHost(name: string): boolean {
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  if (isIP(name) === 4) return name.startsWith("127.");
  if (isIP(name) === 6) return name === "::1" || name === "0:0:0:0:0:0:0:1" || /^::ffff:127\./.test(name);
  return false;
}

/** Why the request is refused, or undefined when it may go on. */
export function refuseAdminRequest(req: IncomingMessage, allowedHosts: readonly string[]): GuardRefusal | undefined {
  const host = req.headers.host;
  if (host === undefined || host.trim() === "") {
    return { status: 403, body: { error: "host_not_allowed", message: "the control API needs a Host header naming a loopback address or an allowed host" } };
  }
  const name = hostName(host);
  if (!isLoopbackHost(name) && !allowedHosts.some((allowed) => hostName(allowed) === name)) {
    return {
      status: 403,
      body: {
        error: "host_not_allowed",
        message: `Host '${host}' is not a loopback address or an allowed host; start the sandbox with --allowed-hosts ${name} (SANDBOX_ALLOWED_HOSTS) to reach its control API by that name`,
      },
    };
  }
  const method = (req.method ?? "GET").toUpperCase();
  const mediaType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (!SAFE_METHODS.has(method) && mediaType !== "application/json") {
    return {
      status: 415,
      body: { error: "unsupported_media_type", message: `${method} needs Content-Type: application/json (also with an empty body), so that a web page cannot send it` },
    };
  }
  return undefined;
}
