// Retry a failed or canceled run from the step it stopped at (UI and API): the same run is
// reopened, its finished steps are kept (and skipped when it executes again), everything it
// recorded (launch operations, their ClientTokens) still applies, so nothing is done twice. Only
// the environment's latest run can be retried, and only while the environment is `failed`.
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { Conflict, Invalid } from "../errors";
import { oneStatement } from "../db/one-statement";
import { sqlRows } from "../db/sql";
import { auditEventInsert, type RequestContext } from "../audit/record-audit-event";
import type { Caller } from "../identity/caller";
import { outboxInsert, runJob, type OutboxJob } from "../queue/outbox";
import { findWritableRun } from "./find-run";
import { RUN_STEPS } from "./run-steps";

export type RetryResult = { runId: string; environmentId: string; fromStep: string; outbox: OutboxJob };

export async function retryRun(db: Db, caller: Caller, input: { runId: string; context?: RequestContext }): Promise<RetryResult> {
  return db.$transaction(async (tx) => {
    const { run, environment } = await findWritableRun(tx, caller, input.runId);
    // Serialises with destroys, cancels and other retries of the environment.
    await tx.$queryRaw`SELECT "id" FROM "Environment" WHERE "id" = ${environment.id} FOR UPDATE`;
    const current = await tx.run.findUniqueOrThrow({ where: { id: run.id }, include: { steps: { orderBy: { position: "asc" } } } });
    if (current.state !== "failed" && current.state !== "canceled") {
      throw new Conflict(`This ${current.kind} run is ${current.state}; only a failed or canceled run can be retried`);
    }
    if (!(current.kind in RUN_STEPS)) throw new Invalid(`${current.kind} runs cannot be retried`);
    const later = await tx.run.findFirst({ where: { environmentId: environment.id, createdAt: { gt: current.createdAt } }, orderBy: { createdAt: "desc" } });
    if (later) throw new Conflict(`A later ${later.kind} run (${later.state}) replaced this one; only the environment's latest run can be retried`);
    const env = await tx.environment.findUniqueOrThrow({ where: { id: environment.id } });
    if (env.state !== "failed") throw new Conflict(`Environment ${env.name} is ${env.state}; a run is retried only while its environment is failed`);

    const from = current.steps.find((s) => s.name === current.failedStep) ?? current.steps.find((s) => s.state !== "succeeded");
    if (!from) throw new Conflict("Every step of this run succeeded; there is nothing to retry");
    const now = new Date();
    const job = runJob(run.id);
    const audit = auditEventInsert(
      {
        actor: { id: caller.userId, email: caller.email },
        action: "run.retry",
        target: { type: "run", id: run.id },
        teamId: environment.teamId,
        before: { state: current.state, failedStep: current.failedStep, error: current.error },
        after: { state: "queued", fromStep: from.name, retry: current.retryCount + 1 },
        context: input.context,
      },
      now,
    );
    const statements = [
      Prisma.sql`
        UPDATE "Run" SET "state" = 'queued', "error" = NULL, "failedStep" = NULL, "finishedAt" = NULL, "cancelRequestedAt" = NULL,
          "cancelReason" = NULL, "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "retryCount" = "retryCount" + 1, "updatedAt" = ${now}
        WHERE "id" = ${run.id}`,
      Prisma.sql`
        UPDATE "RunStep" SET "state" = 'pending', "error" = NULL, "startedAt" = NULL, "finishedAt" = NULL, "waitReason" = NULL, "resumeAt" = NULL, "output" = NULL
        WHERE "runId" = ${run.id} AND "position" >= ${from.position} AND "state" <> 'succeeded'`,
      Prisma.sql`
        INSERT INTO "RunLog" ("runId", "step", "level", "message", "at")
        VALUES (${run.id}, NULL, 'info', ${`Retried by ${caller.email} from step ${from.name}`}, ${now})`,
      audit,
      outboxInsert(job, now),
    ];
    const [outbox] = await sqlRows<{ id: bigint }>(tx, oneStatement(statements, statements.length - 1));
    return { runId: run.id, environmentId: environment.id, fromStep: from.name, outbox: { id: outbox!.id, ...job } };
  });
}
