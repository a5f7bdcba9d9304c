import type { LaunchProviderRegistry } from "../../lib/cloud-accounts/provider-registry";
import type { ImageResolver } from "../../lib/instances/image-resolver";
import type { HealthBatcher } from "../../lib/deployments/instance-health-batcher";

/** What run steps need from the worker process, injected so tests can run steps directly. */
export type StepServices = {
  providers: LaunchProviderRegistry;
  images: ImageResolver;
  /** Tells the instance poller that new instances are waiting to be described. */
  kickPoller: () => void;
  runWaitTimeoutMs: number;
  notFoundGraceMs: number;
  /** EC2 status checks shared by every deploy gating at once (one DescribeInstanceStatus per account+region). */
  health: HealthBatcher;
  /** How long a deploy's health gate waits for a batch to pass before it fails (and rolls back). */
  gateTimeoutMs: number;
  /** How often a waiting health gate looks again. */
  gateIntervalMs: number;
};

/**
 * How long a waiting step stays parked when nothing wakes it earlier. The poller advances and
 * wakes a wait the moment it is over (and wakes one whose instance died or that was asked to
 * cancel), so this is only a safety net and the pace of the wait's timeout check: a look per
 * minute, not a Postgres read every few seconds for a slow instance.
 */
export const WAIT_FALLBACK_MS = 60_000;
