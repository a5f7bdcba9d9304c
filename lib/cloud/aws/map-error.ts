// The one place where AWS SDK errors become CloudErrors. Classification uses the error code
// and HTTP status, never the message text: messages change, codes are the API contract.
import { CloudError, type CloudErrorKind } from "../errors";

const THROTTLING_CODES = new Set([
  "RequestLimitExceeded",
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "RequestThrottled",
  "RequestThrottledException",
  "TooManyRequestsException",
  "SlowDown",
  "PriorRequestNotComplete",
]);

// Another zone, type or later attempt may succeed: the caller falls back rather than fails.
export const CAPACITY_CODES: ReadonlySet<string> = new Set([
  "InsufficientInstanceCapacity",
  "InsufficientHostCapacity",
  "InsufficientReservedInstanceCapacity",
  "InsufficientAddressCapacity",
  "InsufficientCapacity",
  "InsufficientFreeAddressesInSubnet",
]);

const SERVER_CODES = new Set(["InternalError", "InternalFailure", "Unavailable", "ServiceUnavailable"]);

const AUTH_CODES = new Set([
  "AuthFailure",
  "UnauthorizedOperation",
  "InvalidClientTokenId",
  "SignatureDoesNotMatch",
  "OptInRequired",
  "IncompleteSignature",
  "MissingAuthenticationToken",
  "ExpiredToken",
  "RequestExpired",
  "Blocked",
  "PendingVerification",
  // Raised locally by the SDK's credential chain when it finds no credentials at all.
  "CredentialsProviderError",
]);

const NETWORK_CODES = new Set([
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

// Appended so the person reading a failed step knows what to do.
const HINTS: Record<string, string> = {
  IdempotentParameterMismatch:
    "The ClientToken was already used for a launch with different parameters; a changed request needs a new token.",
  OptInRequired: "The account is not subscribed to this service or region.",
  UnauthorizedOperation: "The IAM policy of these credentials does not allow this action.",
};

interface SdkErrorShape {
  name?: string;
  Code?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

function shapeOf(error: unknown): SdkErrorShape {
  return typeof error === "object" && error !== null ? error : { message: String(error) };
}

/** The provider's code: EC2 puts it in `name` (and `Code`); Node socket errors in `code`. */
export function errorCodeOf(error: unknown): string {
  const shape = shapeOf(error);
  if (typeof shape.Code === "string" && shape.Code) return shape.Code;
  if (typeof shape.code === "string" && shape.code && !shape.$metadata?.httpStatusCode) return shape.code;
  if (typeof shape.name === "string" && shape.name && shape.name !== "Error") return shape.name;
  return "UnknownError";
}

const LOCAL_ERROR_NAMES = new Set(["TypeError", "RangeError", "ReferenceError", "SyntaxError"]);

export function classifyAwsError(code: string, httpStatus: number | undefined, action: string): CloudErrorKind {
  if (THROTTLING_CODES.has(code) || httpStatus === 429) return "throttled";
  if (CAPACITY_CODES.has(code)) return "capacity";
  // RunInstances answers "Unsupported" when the type is not offered in the requested zone:
  // another zone may have it, so it is a capacity-style fallback, not a permanent failure.
  if (code === "Unsupported" && action === "RunInstances") return "capacity";
  if (code === "IdempotentParameterMismatch") return "idempotency_mismatch";
  if (AUTH_CODES.has(code)) return "auth";
  if (code.endsWith(".NotFound")) return "not_found";
  if (SERVER_CODES.has(code)) return "server";
  if (NETWORK_CODES.has(code)) return "network";
  // Errors raised in this process before anything was sent (a bad endpoint URL, a bug): retrying
  // cannot help, so they are permanent rather than "the network lost it".
  if (httpStatus === undefined && (LOCAL_ERROR_NAMES.has(code) || code.startsWith("ERR_INVALID"))) return "validation";
  if (httpStatus === undefined) return "network"; // no HTTP answer at all: the request or response was lost
  if (httpStatus >= 500) return "server";
  if (httpStatus === 401 || httpStatus === 403) return "auth";
  return "validation";
}

export function mapAwsError(error: unknown, action: string): CloudError {
  if (error instanceof CloudError) return error;
  const shape = shapeOf(error);
  const code = errorCodeOf(error);
  const httpStatus = shape.$metadata?.httpStatusCode;
  const kind = classifyAwsError(code, httpStatus, action);
  const providerMessage = shape.message?.trim() || "no message";
  const hint = HINTS[code];
  const message = `${action} failed: ${code}: ${providerMessage}${hint ? ` ${hint}` : ""}`;
  return new CloudError({ kind, code, action, message, httpStatus, cause: error });
}

const INSTANCE_ID = /\bi-[0-9a-f]{8,17}\b/g;

/**
 * The ids EC2 names in an InvalidInstanceID.NotFound message ("The instance IDs 'i-1, i-2' do
 * not exist"). The only place message text is read: EC2 returns the missing ids nowhere else.
 */
export function instanceIdsInMessage(message: string): string[] {
  return [...new Set(message.match(INSTANCE_ID) ?? [])];
}
