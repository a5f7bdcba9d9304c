// Transactional outbox: a job is written as a row in the same transaction as the change that
// needs it, then added to BullMQ after commit. If Redis was unreachable (or the process died in
// between), the relay adds it later. jobId = run id, so adding twice is harmless.
import type { Queue } from "bullmq";
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { JobName, queueJobOptions, QueueName, type JobNameType, type JobPayloads } from "./queues";

export type QueueLookup = (name: QueueName) => Queue;

/** An outbox row as written: enough to enqueue it without reading it back. */
export type OutboxJob = { id: bigint; queue: QueueName; jobName: string; jobId: string; payload: unknown };

export type OutboxMessageInput<N extends JobNameType = JobNameType> = { queue: QueueName; jobName: N; jobId: string; payload: JobPayloads[N] };

/** The job that executes a run: job id = run id, so adding it twice is harmless. */
export function runJob(runId: string): OutboxMessageInput<typeof JobName.executeRun> {
  return { queue: QueueName.runs, jobName: JobName.executeRun, jobId: runId, payload: { runId } };
}

/** Adds a job to its queue with the queue's retry policy. */
export async function addJob(queues: QueueLookup, job: Omit<OutboxJob, "id">): Promise<void> {
  await queues(job.queue).add(job.jobName, job.payload, { ...queueJobOptions[job.queue], jobId: job.jobId });
}

/** The INSERT of an outbox row (RETURNING its id), to run inside the statement that needs the job. */
export function outboxInsert(message: OutboxMessageInput, at = new Date()): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "OutboxMessage" ("queue", "jobName", "jobId", "payload", "createdAt", "attempts")
    VALUES (${message.queue}, ${message.jobName}, ${message.jobId}, ${JSON.stringify(message.payload)}::jsonb, ${at}, 0)
    RETURNING "id"`;
}

/** Adds outbox rows to their queues and marks the ones that made it; returns how many did. */
export async function enqueueOutbox(db: Db, queues: QueueLookup, jobs: OutboxJob[]): Promise<number> {
  const done: bigint[] = [];
  const failed: bigint[] = [];
  for (const job of jobs) {
    try {
      await addJob(queues, job);
      done.push(job.id);
    } catch {
      failed.push(job.id);
    }
  }
  if (done.length > 0) await db.outboxMessage.updateMany({ where: { id: { in: done } }, data: { enqueuedAt: new Date(), attempts: { increment: 1 } } });
  if (failed.length > 0) await db.outboxMessage.updateMany({ where: { id: { in: failed } }, data: { attempts: { increment: 1 } } }).catch(() => undefined);
  return done.length;
}

/** The relay: adds rows that never reached Redis (older than `olderThanMs`). */
export async function relayOutbox(db: Db, queues: QueueLookup, options: { olderThanMs?: number; limit?: number } = {}): Promise<number> {
  const rows = await db.outboxMessage.findMany({
    where: { enqueuedAt: null, ...(options.olderThanMs !== undefined ? { createdAt: { lte: new Date(Date.now() - options.olderThanMs) } } : {}) },
    orderBy: { id: "asc" },
    take: options.limit ?? 500,
  });
  return enqueueOutbox(
    db,
    queues,
    rows.map((row) => ({ id: row.id, queue: row.queue as QueueName, jobName: row.jobName, jobId: row.jobId, payload: row.payload })),
  );
}
