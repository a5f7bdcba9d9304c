// The one error answer every route gives (app/_server/route.ts errorResponse), as a schema.
import { z } from "zod";

export const errorAnswer = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "invalid, unauthenticated, forbidden, not_found, conflict, payload_too_large, unsupported_media_type, throttled, bad_gateway, internal" }),
      message: z.string().meta({ description: "A sentence for people" }),
      issues: z
        .array(
          z.object({
            path: z.string().meta({ description: "Where: a body field (`ttl`), `query.<name>` or `params.<name>`" }),
            message: z.string(),
            line: z.number().int().optional(),
            column: z.number().int().optional(),
          }),
        )
        .optional(),
    }),
  })
  .meta({ description: "Every error: a code, a message and, for bad input, the field paths" });

/** The error statuses and what each means here. */
export const ERROR_STATUSES = {
  400: "Bad input: the issues name each field",
  401: "No valid session or token",
  403: "Signed in, but not allowed (role, team, token scope, or a cross-site change)",
  404: "Not found, or not visible to the caller",
  409: "Conflicts with the current state (a used name or version, an Idempotency-Key in use)",
  413: "The body is larger than HANGAR_MAX_BODY_BYTES",
  415: "A cookie-authenticated change that is not JSON",
  429: "Throttled: see Retry-After",
} as const;

export type ErrorStatus = keyof typeof ERROR_STATUSES;
