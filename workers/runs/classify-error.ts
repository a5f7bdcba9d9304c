// Retryable: transient infrastructure (cloud throttling/5xx/network past the cloud layer's own
// budget, a Postgres or Redis blip). Permanent: anything a retry cannot fix.
import { isCloudError } from "../../lib/cloud/errors";
import { AppError } from "../../lib/errors";
import type { ErrorClass } from "../../lib/runs/execute-run";

const PROGRAMMING_ERRORS = [TypeError, ReferenceError, RangeError, SyntaxError];

export function classifyError(error: unknown): ErrorClass {
  if (isCloudError(error)) return error.retryable ? "retryable" : "permanent";
  if (error instanceof AppError) return "permanent";
  if (PROGRAMMING_ERRORS.some((type) => error instanceof type)) return "permanent";
  return "retryable";
}
