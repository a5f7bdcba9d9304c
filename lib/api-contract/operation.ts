// What an API operation declares about itself: its input and output schemas (zod, the same
// objects route() parses with) and its documentation. route() attaches this to the handler it
// returns, so the OpenAPI document is read from the handlers Next serves, not from a copy.
import type { z } from "zod";

export type OperationContract = {
  /** One line: what the operation does (the OpenAPI summary). */
  summary?: string;
  /** More: rules, refusals, what the answer means. Markdown. */
  description?: string;
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  response?: z.ZodType;
  /** Success statuses; the first is the usual one (default 200). */
  status?: number | readonly number[];
  /** A body the handler parses itself (e.g. JSON or YAML): documented, not parsed by route(). */
  documentedBody?: z.ZodType;
  /** Request content types besides application/json (a template's YAML). */
  alsoAccepts?: readonly string[];
  /** An answer that is not JSON (an event stream, a CSV attachment): its types and what it holds. */
  produces?: { types: readonly string[]; description: string };
  /** No session or token (the document itself, the template format, signed webhooks). */
  public?: boolean;
};

const CONTRACT = Symbol.for("hangar.api-contract");

type WithContract<F> = F & { [CONTRACT]: OperationContract };

/** Marks a route handler with its contract (route() does this; plain handlers call it themselves). */
export function withContract<F extends (...args: never[]) => unknown>(handler: F, contract: OperationContract): WithContract<F> {
  return Object.assign(handler, { [CONTRACT]: contract });
}

/** The contract a route module's export carries, if any. */
export function contractOf(handler: unknown): OperationContract | undefined {
  if (typeof handler !== "function") return undefined;
  return (handler as Partial<WithContract<() => void>>)[CONTRACT];
}

/** The statuses an operation succeeds with, usual one first. */
export function successStatuses(contract: OperationContract): readonly number[] {
  const status = contract.status ?? 200;
  return typeof status === "number" ? [status] : status;
}
