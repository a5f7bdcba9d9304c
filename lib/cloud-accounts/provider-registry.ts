// Resolves the CloudProvider for an account + region. Implementations cache clients per
// process (one EC2 client, one rate limiter scope per account+region).
import type { CloudProvider } from "../cloud/provider";

export interface ProviderRegistry {
  providerFor(cloudAccountId: string, region: string): Promise<CloudProvider>;
}
