// Runs before every page and API route (Next's proxy, formerly middleware): a fresh CSP nonce
// per request and the security headers (lib/security/security-headers.ts). Next reads the nonce
// from the request's Content-Security-Policy header and puts it on the scripts it renders,
// which is why every page renders per request (the root layout is force-dynamic).
import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/config";
import { newNonce, securityHeaders } from "@/lib/security/security-headers";

export function proxy(request: NextRequest): NextResponse {
  const nonce = newNonce();
  const headers = securityHeaders({ nonce, publicUrl: getConfig().HANGAR_URL, development: process.env.NODE_ENV === "development" });
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", headers["content-security-policy"]!);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Built assets are files, not documents: they get nosniff from next.config.ts instead.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
