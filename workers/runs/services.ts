import type { ProviderRegistry } from "../../lib/cloud-accounts/provider-registry";
import type { ImageResolver } from "../../lib/instances/image-resolver";

/** What run steps need from the worker process, injected so tests can run steps directly. */
export type StepServices = {
  providers: ProviderRegistry;
  images: ImageResolver;
  /** Tells the instance poller that new instances are waiting to be described. */
  kickPoller: () => void;
  runWaitTimeoutMs: number;
  notFoundGraceMs: number;
};

/** How long a waiting step stays parked when nothing wakes it earlier (the poller normally does). */
export const WAIT_FALLBACK_MS = 15_000;
