// People and failures for integration tests that need more than the demo's admin and developer:
// a user with a given role in a team (the team made when it does not exist), and the AppError a
// call fails with, to assert its status, code, message and issues.
import type { Db } from "../../lib/db/client";
import type { TeamRole } from "../../lib/db/generated/client";
import { newId } from "../../lib/db/ids";
import { AppError } from "../../lib/errors";
import { loadCaller, type Caller } from "../../lib/identity/caller";

export async function userWithRole(db: Db, email: string, teamSlug: string, role: TeamRole): Promise<Caller> {
  const team = await db.team.upsert({ where: { slug: teamSlug }, create: { id: newId(), slug: teamSlug, name: teamSlug }, update: {} });
  const created = await db.user.create({ data: { id: newId(), email, name: email } });
  await db.membership.create({ data: { userId: created.id, teamId: team.id, role } });
  return (await loadCaller(db, created.id))!;
}

/** The AppError a call fails with; anything else (success included) fails the test. */
export async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}
