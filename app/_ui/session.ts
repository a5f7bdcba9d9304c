import "server-only";
import { redirect } from "next/navigation";
import { currentCaller } from "@/app/_server/caller";
import type { Caller } from "@/lib/identity/caller";

/** For pages: the caller, or a redirect to sign-in that comes back to this page afterwards. */
export async function requireSignedIn(callbackPath: string): Promise<Caller> {
  const caller = await currentCaller();
  if (!caller) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return caller;
}

/** A path with the given query parameters (empty ones dropped). */
export function pathWithQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** A single string from Next's searchParams value (arrays take the first). */
export function param(value: string | string[] | undefined): string | undefined {
  const single = Array.isArray(value) ? value[0] : value;
  return single?.trim() ? single.trim() : undefined;
}
