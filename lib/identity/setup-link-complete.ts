// Spends a setup link: creates the first admin (and their team) in one transaction that also
// marks the link used and writes the audit event. Serialised by an advisory lock, so two
// submissions of one link (or of two links) cannot both create an admin.
import { z } from "zod";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event";
import type { Db } from "../db/client";
import { newId } from "../db/ids";
import { Conflict, Invalid } from "../errors";
import { hashPassword } from "./passwords";
import { adminExists, hashSetupToken } from "./setup-link";

export const MIN_ADMIN_PASSWORD_LENGTH = 12;

export const setupInputSchema = z
  .object({
    token: z.string().min(1, "is missing: open the link printed in the log"),
    email: z.string().trim().max(254).pipe(z.email("must be an email address")),
    name: z.string().trim().min(1, "is required").max(100),
    password: z.string().min(MIN_ADMIN_PASSWORD_LENGTH, `must be at least ${MIN_ADMIN_PASSWORD_LENGTH} characters`).max(512),
    team: z.string().trim().min(2, "must be at least 2 characters").max(60),
  })
  .strict();
export type SetupInput = z.infer<typeof setupInputSchema>;

const SETUP_LOCK = 7_264_031; // pg_advisory_xact_lock key: one setup at a time

/** The slug of the first team: its name, lower-case, words joined by hyphens. */
export function teamSlugOf(name: string): string {
  return name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "team";
}

export async function completeSetup(db: Db, input: SetupInput, context?: RequestContext): Promise<{ userId: string; email: string; teamSlug: string }> {
  // Argon2 outside the transaction: it takes tens of milliseconds and holds no lock.
  const passwordHash = await hashPassword(input.password);
  const email = input.email.toLowerCase();
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`;
    if (await adminExists(tx)) throw new Conflict("Hangar already has an administrator: sign in, or ask an admin for an account");
    const spent = await tx.setupToken.updateMany({
      where: { tokenHash: hashSetupToken(input.token), usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
    });
    if (spent.count === 0) {
      throw new Invalid("This setup link is expired, used or unknown: run the migrate step again (docker compose run --rm migrate) for a new one", [
        { path: "token", message: "is expired, used or unknown" },
      ]);
    }
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
      throw new Invalid(`email: ${email} is taken`, [{ path: "email", message: "is taken by an existing user" }]);
    }
    const userId = newId();
    await tx.user.create({ data: { id: userId, email, name: input.name, passwordHash, isAdmin: true } });
    const slug = teamSlugOf(input.team);
    const team = await tx.team.upsert({ where: { slug }, create: { id: newId(), slug, name: input.team }, update: {} });
    await tx.membership.create({ data: { userId, teamId: team.id, role: "admin" } });
    await recordAuditEvent(tx, {
      actor: { id: userId, email },
      action: "setup.first_admin",
      target: { type: "user", id: userId },
      teamId: team.id,
      after: { email, name: input.name, isAdmin: true, team: slug },
      context,
    });
    return { userId, email, teamSlug: slug };
  });
}
