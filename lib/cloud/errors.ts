// How a failed cloud call is classified decides what happens next: retried with backoff,
// fallen back (capacity), treated as eventual consistency, or failed permanently.

export type CloudErrorKind =
  | "throttled" // RequestLimitExceeded, Throttling
  | "capacity" // InsufficientInstanceCapacity and friends
  | "server" // 5xx, InternalError, Unavailable
  | "network" // socket reset, timeout, dropped response
  | "not_found" // InvalidInstanceID.NotFound etc.
  | "idempotency_mismatch" // IdempotentParameterMismatch: same token, other parameters
  | "auth" // AuthFailure, UnauthorizedOperation, bad credentials
  | "validation"; // every other 4xx: never retried

const RETRYABLE: ReadonlySet<CloudErrorKind> = new Set(["throttled", "capacity", "server", "network"]);

export class CloudError extends Error {
  readonly kind: CloudErrorKind;
  /** The provider's error code, e.g. "InvalidParameterValue". */
  readonly code: string;
  readonly action: string;
  readonly httpStatus?: number;

  constructor(options: { kind: CloudErrorKind; code: string; action: string; message: string; httpStatus?: number; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.name = "CloudError";
    this.kind = options.kind;
    this.code = options.code;
    this.action = options.action;
    this.httpStatus = options.httpStatus;
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }
}

export function isCloudError(error: unknown): error is CloudError {
  return error instanceof CloudError;
}
