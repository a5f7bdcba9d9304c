// EC2 throttles API requests per account and region with token buckets per action category
// (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html). Hangar mirrors
// them client side so callers queue briefly instead of meeting RequestLimitExceeded.

export const EC2_BUCKETS = ["runInstances", "terminateInstances", "mutating", "nonMutating"] as const;
export type Ec2Bucket = (typeof EC2_BUCKETS)[number];

export interface BucketLimit {
  /** Bucket size: requests allowed at once after a quiet period. */
  burst: number;
  /** Tokens added per second. */
  refillPerSecond: number;
}

export const EC2_REQUEST_LIMITS: Readonly<Record<Ec2Bucket, BucketLimit>> = {
  runInstances: { burst: 5, refillPerSecond: 2 },
  terminateInstances: { burst: 100, refillPerSecond: 5 },
  mutating: { burst: 50, refillPerSecond: 5 },
  nonMutating: { burst: 100, refillPerSecond: 20 },
};

const NON_MUTATING_PREFIXES = ["Describe", "List", "Get", "Search"];

/** Accepts "RunInstances" or the SDK's command name "RunInstancesCommand". */
export function ec2BucketFor(action: string): Ec2Bucket {
  const name = action.endsWith("Command") ? action.slice(0, -"Command".length) : action;
  if (name === "RunInstances") return "runInstances";
  if (name === "TerminateInstances") return "terminateInstances";
  if (NON_MUTATING_PREFIXES.some((prefix) => name.startsWith(prefix))) return "nonMutating";
  return "mutating";
}
