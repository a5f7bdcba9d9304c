import type { Db } from "../db/client";
import { invalidField } from "../errors";
import type { ConnectionTestResult } from "../cloud/provider";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event";
import type { Caller } from "../identity/caller";
import { requireSiteAdmin } from "../identity/permissions";
import { getCloudAccount } from "./manage-cloud-accounts";
import type { ProviderRegistry } from "./provider-registry";

/** Calls a cheap read with the account's credentials and records the result on the account. */
export async function testCloudAccount(
  db: Db,
  providers: ProviderRegistry,
  caller: Caller,
  input: { id: string; region?: string; context?: RequestContext },
): Promise<ConnectionTestResult & { region: string }> {
  requireSiteAdmin(caller);
  const account = await getCloudAccount(db, caller, input.id);
  const region = input.region ?? account.defaultRegion;
  if (!account.regions.includes(region)) throw invalidField("region", `must be one of this account's regions: ${account.regions.join(", ")}`);
  let result: ConnectionTestResult;
  try {
    result = await (await providers.providerFor(account.id, region)).testConnection();
  } catch (error) {
    result = { ok: false, message: error instanceof Error ? error.message : String(error), latencyMs: 0 };
  }
  await db.$transaction(async (tx) => {
    await tx.cloudAccount.update({
      where: { id: account.id },
      // updatedAt is kept: a test is not a configuration change (the provider cache keys on it).
      data: { lastTestedAt: new Date(), lastTestOk: result.ok, lastTestMessage: result.message.slice(0, 500), updatedAt: account.updatedAt },
    });
    await recordAuditEvent(tx, {
      actor: { id: caller.userId, email: caller.email },
      action: "cloud_account.test",
      target: { type: "cloud_account", id: account.id },
      after: { region, ok: result.ok, message: result.message, latencyMs: result.latencyMs },
      context: input.context,
    });
  });
  return { ...result, region };
}
