// Calling a route the way the security specs do: path filled with team A's ids (random UUIDs
// where no id fits), the route's sample body on unsafe methods, a bounded wait, a few at a time.
import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { fillPath, STREAMS, type ApiRoute } from "./security-routes";
import { sampleBody, sampleQuery } from "./security-samples";
import { freshAddress, type World } from "./security-world";

/** `sent`: the path and body as sent, so a check can tell an echoed id from a leaked one. */
export type Answer = {
  route: ApiRoute;
  url: string;
  sent: string;
  status: number;
  text: string;
};

export async function callRoute(
  context: APIRequestContext,
  route: ApiRoute,
  world: World,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const url =
    fillPath(route.template, world.ids, randomUUID) + sampleQuery(route);
  const data =
    route.method === "GET" || route.method === "DELETE"
      ? undefined
      : (options.body ?? sampleBody(route, world));
  const sent = `${safeDecode(url)} ${JSON.stringify(data ?? null)}`;
  try {
    const response = await context.fetch(url, {
      method: route.method,
      data,
      headers: { "x-forwarded-for": freshAddress(), ...options.headers },
      timeout: 15_000,
      maxRedirects: 0,
    });
    const text =
      STREAMS.has(route.key) && response.status() === 200
        ? "(stream)"
        : await response.text();
    return { route, url, sent, status: response.status(), text };
  } catch (error) {
    // An answer that never ends (a stream that opened) or a dropped connection: reported, not thrown.
    return {
      route,
      url,
      sent,
      status: -1,
      text:
        error instanceof Error ? error.message.split("\n")[0]! : String(error),
    };
  }
}

/** Runs `fn` over `items`, at most `limit` at once (the machine is shared; so is the server). */
export async function eachLimited<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from(
    { length: Math.min(limit, items.length) },
    async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await fn(items[index]!);
      }
    },
  );
  await Promise.all(lanes);
  return results;
}

/** One line per unexpected answer, so a failure lists every offending route at once. */
export function describeAnswer(
  caller: string,
  answer: Answer,
  expected: string,
): string {
  return `${caller}: ${answer.route.method} ${answer.url} → ${answer.status} (expected ${expected}) ${answer.text.slice(0, 200)}`;
}

function safeDecode(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
