// Resolves the CloudProvider for an account + region. Implementations cache clients per
// process (one EC2 client, one rate limiter scope per account+region).
import type { CloudProvider } from "../cloud/provider";

export interface ProviderRegistry {
  providerFor(cloudAccountId: string, region: string): Promise<CloudProvider>;
}

/**
 * The worker's registry also guards launches: the account must still be one the environment's
 * team may use (checked against the account row as fresh as the cached provider, so a withdrawn
 * share stops new launches within the registry's recheck interval). Terminating, describing and
 * health checks go through providerFor and are never refused.
 */
export interface LaunchProviderRegistry extends ProviderRegistry {
  providerForLaunch(cloudAccountId: string, region: string, teamId: string): Promise<CloudProvider>;
}
