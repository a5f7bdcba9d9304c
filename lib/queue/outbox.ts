// Transactional outbox: a job is written as a row in the same transaction as the change that
// needs it, then added to BullMQ after commit. If Redis was unreachable (or the process died in
// between), the relay adds it later. jobId = run id, so adding twice is harmless.
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
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

/**
 * Adds the job again when its id belongs to a job that already finished (a run reopened by a
 * retry keeps its id): the finished one is removed first. False when the job exists and is not
 * finished (it is queued or running, nothing to do).
 */
export async function replaceFinishedJob(queues: QueueLookup, job: Omit<OutboxJob, "id">): Promise<boolean> {
  const existing = await queues(job.queue).getJob(job.jobId);
  if (existing) {
    const state = await existing.getState();
    if (state !== "completed" && state !== "failed") return false;
    await existing.remove();
  }
  await addJob(queues, job);
  return true;
}

/** The INSERT of an outbox row (RETURNING its id), to run inside the statement that needs the job. */
export function outboxInsert(message: OutboxMessageInput, at = new Date()): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "OutboxMessage" ("queue", "jobName", "jobId", "payload", "createdAt", "attempts")
    VALUES (${message.queue}, ${message.jobName}, ${message.jobId}, ${JSON.stringify(message.payload)}::jsonb, ${at}, 0)
    RETURNING "id"`;
}

/**
 * Adds just-committed outbox rows to their queues (the web app, right after commit). Rows are not
 * marked here: the relay marks them in bulk once it has seen their jobs, which keeps a write off
 * every request. Returns how many were added.
 */
export async function enqueueOutbox(queues: QueueLookup, jobs: Omit<OutboxJob, "id">[]): Promise<number> {
  let added = 0;
  for (const job of jobs) {
    try {
      await addJob(queues, job);
      added += 1;
    } catch {
      // The relay adds it later.
    }
  }
  return added;
}

/**
 * The relay: for rows older than `olderThanMs` not yet marked, adds the jobs Redis does not have
 * (the web app crashed between commit and enqueue, or Redis lost them) and marks every row whose
 * job exists now, in one statement.
 */
export async function relayOutbox(db: Db, queues: QueueLookup, redis: Pick<Redis, "pipeline">, options: { olderThanMs?: number; limit?: number } = {}): Promise<number> {
  const rows = await db.outboxMessage.findMany({
    where: { enqueuedAt: null, ...(options.olderThanMs !== undefined ? { createdAt: { lte: new Date(Date.now() - options.olderThanMs) } } : {}) },
    orderBy: { id: "asc" },
    take: options.limit ?? 1000,
  });
  if (rows.length === 0) return 0;
  // Per row: does its job exist, and when did it finish (a row newer than that asks for a new run of it).
  const pipeline = redis.pipeline();
  for (const row of rows) pipeline.hget(queues(row.queue as QueueName).toKey(row.jobId), "finishedOn").exists(queues(row.queue as QueueName).toKey(row.jobId));
  const answers = (await pipeline.exec()) ?? [];
  const present: bigint[] = [];
  let added = 0;
  for (const [index, row] of rows.entries()) {
    const [finishedError, finishedOn] = answers[index * 2] ?? [new Error("no answer")];
    const [existsError, exists] = answers[index * 2 + 1] ?? [new Error("no answer")];
    if (finishedError || existsError) continue;
    const job = { queue: row.queue as QueueName, jobName: row.jobName, jobId: row.jobId, payload: row.payload };
    const stale = exists === 1 && finishedOn !== null && Number(finishedOn) < row.createdAt.getTime();
    if (exists === 0 || stale) {
      const ok = await (stale ? replaceFinishedJob(queues, job) : addJob(queues, job).then(() => true)).catch(() => false);
      if (!ok) continue;
      added += 1;
    }
    present.push(row.id);
  }
  if (present.length > 0) await db.outboxMessage.updateMany({ where: { id: { in: present } }, data: { enqueuedAt: new Date(), attempts: { increment: 1 } } });
  return added;
}

/** Deletes rows the relay marked more than `olderThanMs` ago (their jobs reached Redis long since). */
export async function pruneOutbox(db: Db, olderThanMs = 24 * 3600_000): Promise<number> {
  const { count } = await db.outboxMessage.deleteMany({ where: { enqueuedAt: { lt: new Date(Date.now() - olderThanMs) } } });
  return count;
}
