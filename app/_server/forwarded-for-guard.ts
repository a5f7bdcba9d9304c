// Next's server fills in X-Forwarded-For from the socket only when the request has none
// (base-server.js: `req.headers['x-forwarded-for'] ??= socket.remoteAddress`), so a client that
// talks to Hangar directly could name any address. With no trusted proxy (HANGAR_TRUSTED_PROXIES
// = 0) the web server therefore drops the header as the request arrives, before Next reads it,
// and Next's fallback leaves exactly the socket's peer address. Route handlers have no other way
// to the socket. Installed once per process by instrumentation.ts.
import { Server, type IncomingMessage } from "node:http";

const installed = Symbol.for("hangar.forwardedForGuard");

export function dropClientForwardedFor(request: IncomingMessage): void {
  delete request.headers["x-forwarded-for"];
  delete request.headers["x-real-ip"];
  delete request.headers.forwarded;
}

/** Every HTTP server of this process drops the client's forwarding headers from each request. */
export function installForwardedForGuard(trustedProxies: number): void {
  if (trustedProxies > 0) return;
  const prototype = Server.prototype as Server & { [installed]?: boolean };
  if (prototype[installed]) return;
  prototype[installed] = true;
  const emit = prototype.emit;
  prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") dropClientForwardedFor(args[0] as IncomingMessage);
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as Server["emit"];
}
