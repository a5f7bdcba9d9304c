// One error hierarchy for the domain; app/lib/http maps it to HTTP in exactly one place.

/** A problem at a field path; for a template's YAML also where it is in the file (1-based). */
export type FieldIssue = { path: string; message: string; line?: number; column?: number };

export class AppError extends Error {
  readonly status: number = 500;
  readonly code: string = "internal";
  constructor(message: string, readonly issues: FieldIssue[] = []) {
    super(message);
    this.name = new.target.name;
  }
}

export class Invalid extends AppError {
  override readonly status = 400;
  override readonly code = "invalid";
}

export class Unauthenticated extends AppError {
  override readonly status = 401;
  override readonly code = "unauthenticated";
}

export class Forbidden extends AppError {
  override readonly status = 403;
  override readonly code = "forbidden";
}

export class NotFound extends AppError {
  override readonly status = 404;
  override readonly code = "not_found";
}

export class Conflict extends AppError {
  override readonly status = 409;
  override readonly code = "conflict";
}

/** A request body over the route's limit. */
export class PayloadTooLarge extends AppError {
  override readonly status = 413;
  override readonly code = "payload_too_large";
}

/** Unsafe cookie-authenticated calls must send JSON (a cross-site form cannot). */
export class UnsupportedMediaType extends AppError {
  override readonly status = 415;
  override readonly code = "unsupported_media_type";
}

/** Too many failed attempts (sign-in, API tokens): try again after retryAfterSeconds. */
export class Throttled extends AppError {
  override readonly status = 429;
  override readonly code = "throttled";
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}

export class QuotaExceeded extends AppError {
  override readonly status = 429;
  override readonly code = "quota_exceeded";
}

/** A cloud call failed in a way the user must act on (not a transient error). */
export class CloudFailure extends AppError {
  override readonly status = 502;
  override readonly code = "cloud_error";
}

export function invalidField(path: string, message: string): Invalid {
  return new Invalid(`${path}: ${message}`, [{ path, message }]);
}

export function isPrismaError(error: unknown, code: string): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === code;
}
