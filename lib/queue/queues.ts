// The queue contract shared by web and workers: names, payload schemas and retry policy.
// Payloads carry ids only; the Postgres row is the truth.
import { z } from "zod";
import type { DefaultJobOptions } from "bullmq";

export const QueueName = {
  runs: "runs",
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const JobName = {
  executeRun: "execute-run",
} as const;

export const jobPayloadSchemas = {
  [JobName.executeRun]: z.object({ runId: z.string().uuid() }).strict(),
} as const;

export type JobPayloads = { [K in keyof typeof jobPayloadSchemas]: z.infer<(typeof jobPayloadSchemas)[K]> };
export type JobNameType = keyof JobPayloads;

/**
 * Retries cover infrastructure trouble (Redis/Postgres blips, a cloud outage past the cloud
 * layer's own retry budget). Steps are idempotent, so a retried job resumes where it stopped.
 */
export const queueJobOptions: Record<QueueName, DefaultJobOptions> = {
  [QueueName.runs]: {
    attempts: 6,
    backoff: { type: "exponential", delay: 2000 },
    removeOnComplete: { age: 24 * 3600, count: 5000 },
    removeOnFail: { age: 14 * 24 * 3600, count: 10_000 },
  },
};

export function parsePayload<N extends JobNameType>(name: N, data: unknown): JobPayloads[N] {
  return jobPayloadSchemas[name].parse(data);
}
