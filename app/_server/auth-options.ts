import "server-only";
// next-auth with the credentials provider. Sessions are JWTs (required by the credentials
// provider); they carry the user id and sessionVersion, and every request re-loads the user,
// so disabling a user (which bumps sessionVersion) ends their sessions at once.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { clientAddress } from "@/lib/audit/client-address";
import { signInThrottled } from "@/lib/identity/throttled-sign-in";
import { web } from "./runtime";

type Incoming = { headers?: Record<string, string | string[] | undefined> };

function header(request: Incoming | undefined, name: string): string | null {
  const value = request?.headers?.[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

export function authOptions(): NextAuthOptions {
  const { config, db } = web();
  return {
    secret: config.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 12 * 3600 },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          if (!credentials?.email || !credentials.password) return null;
          // A blocked attempt throws Throttled: next-auth hands its message to the sign-in form.
          const user = await signInThrottled(db, web().throttles, {
            email: credentials.email,
            password: credentials.password,
            context: { ip: clientAddress(header(request, "x-forwarded-for"), web().config.HANGAR_TRUSTED_PROXIES), userAgent: header(request, "user-agent") },
          });
          return user ? { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } : null;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        }
        return token;
      },
      session({ session, token }) {
        if (session.user) {
          (session.user as { id?: string }).id = token.uid as string;
          (session as { sv?: number }).sv = token.sv as number;
        }
        return session;
      },
    },
  };
}
