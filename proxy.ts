// Runs before every page and API route (Next's proxy, formerly middleware): a fresh CSP nonce
// per request and the security headers (lib/security/security-headers.ts). Next reads the nonce
// from the request's Content-Security-Policy header and puts it on the scripts it renders,
// which is why every page renders per request (the root layout is force-dynamic).
import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/config";
import { hasBadPercentEncoding } from "@/lib/security/path-encoding";
import { newNonce, securityHeaders } from "@/lib/security/security-headers";

export function proxy(request: NextRequest): NextResponse {
  const nonce = newNonce();
  const headers = securityHeaders({ nonce, publicUrl: getConfig().HANGAR_URL, development: process.env.NODE_ENV === "development" });
  // Next's router would answer these with a plain-text 500 (lib/security/path-encoding.ts).
  if (hasBadPercentEncoding(new URL(request.url).pathname)) {
    const refused = NextResponse.json({ error: { code: "invalid", message: "The URL's path has percent-escapes that are not UTF-8 (such as %FF)" } }, { status: 400 });
    for (const [name, value] of Object.entries(headers)) refused.headers.set(name, value);
    return refused;
  }
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
