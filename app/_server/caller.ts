import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { loadCaller, type Caller } from "@/lib/identity/caller";
import { authOptions } from "./auth-options";
import { web } from "./runtime";

/** The signed-in caller, re-checked against Postgres (disabled users and revoked sessions get null). */
export async function currentCaller(): Promise<Caller | null> {
  const session = await getServerSession(authOptions());
  const userId = (session?.user as { id?: string } | undefined)?.id;
  if (!userId) return null;
  return loadCaller(web().db, userId, (session as { sv?: number }).sv);
}

/** For pages: the caller, or a redirect to sign-in. */
export async function requireCaller(): Promise<Caller> {
  const caller = await currentCaller();
  if (!caller) redirect("/signin");
  return caller;
}
