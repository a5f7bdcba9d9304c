// What the API load bench sends, request by request: a fixed mix per 100 requests, so every run
// sends the same shapes in the same order (reads of lists, single items, the catalog, history;
// token writes; environment requests of one- and two-group templates).
import { mixedShape } from "../../scripts/services/environment-mix";

export type Kind = "env-list" | "env-get" | "catalog" | "me" | "history" | "token-list" | "token-create" | "token-revoke" | "env-request";
type Call = (method: string, url: string, body?: unknown) => Promise<{ status: number; json: unknown }>;
type Result = { status: number; ok: boolean; createdEnvironment?: string };
export type Step = { kind: Kind; run: () => Promise<Result> };

/** Slot in each 100 requests → kind: 30 lists, 20 gets, 15 catalog, 10 me, 10 history, 5 token lists, 4 + 4 token writes, 2 requests. */
export function kindAt(index: number): Kind {
  const slot = index % 100;
  if (slot < 30) return "env-list";
  if (slot < 50) return "env-get";
  if (slot < 65) return "catalog";
  if (slot < 75) return "me";
  if (slot < 85) return "history";
  if (slot < 90) return "token-list";
  if (slot < 94) return "token-create";
  if (slot < 98) return "token-revoke";
  return "env-request";
}

export function requestPlan(input: { environmentIds: string[]; cursor: string | null; call: Call }): (index: number) => Step {
  const { call } = input;
  const tokens: string[] = [];
  const stamp = Date.now().toString(36);
  const ok = (expected: number[]) => (result: { status: number }) => ({ status: result.status, ok: expected.includes(result.status) });
  const lists = ["/api/v1/environments", "/api/v1/environments?search=load", input.cursor ? `/api/v1/environments?cursor=${encodeURIComponent(input.cursor)}&limit=2` : "/api/v1/environments?limit=5"];
  return (index) => {
    const kind = kindAt(index);
    const pick = <T>(items: T[]) => items[index % items.length]!;
    switch (kind) {
      case "env-list":
        return { kind, run: () => call("GET", pick(lists)).then(ok([200])) };
      case "env-get":
        return { kind, run: () => call("GET", `/api/v1/environments/${pick(input.environmentIds)}`).then(ok([200])) };
      case "catalog":
        return { kind, run: () => call("GET", "/api/v1/catalog").then(ok([200])) };
      case "me":
        return { kind, run: () => call("GET", "/api/v1/me").then(ok([200])) };
      case "history":
        return { kind, run: () => call("GET", "/api/v1/deployments?limit=20").then(ok([200])) };
      case "token-list":
        return { kind, run: () => call("GET", "/api/v1/tokens").then(ok([200])) };
      case "token-create":
        return {
          kind,
          run: async () => {
            const created = await call("POST", "/api/v1/tokens", { name: `load ${index}`, scope: "read", expiresInDays: 1 });
            if (created.status === 201) tokens.push((created.json as { item: { id: string } }).item.id);
            return ok([201])(created);
          },
        };
      case "token-revoke": {
        const id = tokens.shift();
        // Slots are interleaved so a created token is normally waiting; if not, a list stands in.
        return { kind, run: () => (id ? call("DELETE", `/api/v1/tokens/${id}`).then(ok([200])) : call("GET", "/api/v1/tokens").then(ok([200]))) };
      }
      case "env-request": {
        const shape = mixedShape(Math.floor(index / 100) * 2 + (index % 100) - 98);
        return {
          kind,
          run: async () => {
            const created = await call("POST", "/api/v1/environments", { name: `load-${index}-${stamp}`, template: shape.template, parameters: shape.parameters, ttl: "1h" });
            return { ...ok([201])(created), createdEnvironment: created.status === 201 ? (created.json as { id: string }).id : undefined };
          },
        };
      }
    }
  };
}
