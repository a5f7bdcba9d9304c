// The API shapes of the caller and of users (admins' list). No session internals
// (sessionVersion), password hashes or setup links ever leave the server.
import { z } from "zod";
import { isoDate, listPageOf } from "@/lib/api-contract/common-schemas";
import { TOKEN_SCOPES } from "./api-tokens/token-scope";

export const meView = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  isAdmin: z.boolean(),
  memberships: z.array(z.object({ teamId: z.string(), teamSlug: z.string(), teamName: z.string(), role: z.enum(["admin", "platform", "developer", "viewer"]) })),
  token: z.object({ id: z.string(), scope: z.enum(TOKEN_SCOPES), teamId: z.string().nullable() }).optional().meta({ description: "The API token this request used, if any" }),
});

const userRow = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  isAdmin: z.boolean(),
  disabledAt: isoDate().nullable(),
  createdAt: isoDate(),
  teams: z.array(z.object({ teamId: z.string(), slug: z.string(), role: z.string() })),
  invitation: z.object({ expiresAt: isoDate() }).nullable().meta({ description: "Invited and not signed up yet: when the link ends" }),
});

export const userList = listPageOf(userRow);

export const userDisabled = z.object({ id: z.string(), email: z.string(), disabledAt: isoDate().nullable() });
