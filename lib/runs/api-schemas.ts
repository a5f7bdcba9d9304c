// The API shapes of runs, their steps and log lines (environment and deployment pages show them).
import { z } from "zod";
import { isoDate } from "@/lib/api-contract/common-schemas";

const stepView = z.object({
  name: z.string(),
  state: z.string(),
  attempt: z.number().int(),
  startedAt: isoDate().nullable(),
  finishedAt: isoDate().nullable(),
  error: z.string().nullable(),
  waitReason: z.string().nullable(),
  resumeAt: isoDate().nullable(),
});

export const runView = z.object({
  id: z.string(),
  kind: z.string().meta({ description: "provision, destroy, update, deploy…" }),
  state: z.string(),
  error: z.string().nullable(),
  failedStep: z.string().nullable(),
  requestedBy: z.string().nullable(),
  createdAt: isoDate(),
  startedAt: isoDate().nullable(),
  finishedAt: isoDate().nullable(),
  retryCount: z.number().int(),
  queuePosition: z.number().int().nullable().meta({ description: "Runs ahead of it on its environment" }),
  canceling: z.boolean(),
  canCancel: z.boolean(),
  retryFrom: z.string().nullable().meta({ description: "The step a retry would resume from" }),
  steps: z.array(stepView),
});

export const logLine = z.object({
  id: z.string().meta({ description: "The line's id: pass as `after` to read on" }),
  runId: z.string(),
  step: z.string().nullable(),
  level: z.string(),
  message: z.string(),
  at: isoDate(),
});

export const canceledRun = z.object({ id: z.string(), environmentId: z.string(), state: z.enum(["canceled", "canceling"]) });
export const retriedRun = z.object({ id: z.string(), environmentId: z.string(), fromStep: z.string() });
