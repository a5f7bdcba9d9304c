// Opaque NextToken values and MaxResults validation shared by the paginated Describe actions.
import { errors } from "./ec2-error";
import type { QueryParams } from "./query-params";

interface TokenBody {
  /** Which listing the token belongs to, so a token from one action is rejected by another. */
  k: string;
  /** Position: the last sequence number (instances) or offset (catalog lists) already returned. */
  p: number;
}

export function encodeNextToken(kind: string, position: number): string {
  const body: TokenBody = { k: kind, p: position };
  return Buffer.from(JSON.stringify(body)).toString("base64url");
}

export function decodeNextToken(kind: string, token: string | undefined): number | undefined {
  if (token === undefined || token === "") return undefined;
  try {
    const body = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Partial<TokenBody>;
    if (body.k === kind && typeof body.p === "number" && Number.isInteger(body.p) && body.p >= 0) return body.p;
  } catch {
    // fall through: any undecodable token is invalid
  }
  throw errors.badNextToken();
}

/** Reads MaxResults and enforces the action's allowed range, as EC2 does. */
export function readMaxResults(params: QueryParams, min: number, max: number): number | undefined {
  const value = params.int("MaxResults");
  if (value === undefined) return undefined;
  if (value < min || value > max) throw errors.maxResults(value, min, max);
  return value;
}
