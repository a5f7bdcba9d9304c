// The Elastic IPs of a service with stable addresses on an environment, one per instance slot of
// its group, moved to each release's instances as their health gate passes. Every mutation is
// recorded before it is sent: a ServiceAddress row (whose id tags the address) before
// AllocateAddress, which has no idempotency token, so a repeat finds the address by its tag
// instead of allocating a second one; a CloudOperation before each AssociateAddress and
// ReleaseAddress, which EC2 lets us repeat.
import { Prisma } from "../db/generated/client";
import { newId } from "../db/ids";
import type { CloudProvider } from "../cloud/provider";
import { HANGAR_TAGS } from "../cloud/provider";
import { MANAGED_BY } from "../instances/launch-ledger";
import type { StepContext } from "../runs/run-definition";

type Ctx = Pick<StepContext<unknown>, "db" | "run" | "environment" | "commit" | "defer" | "fresh" | "log">;

export const ADDRESS_TAG = "hangar:address";

export type AddressRow = { id: string; slot: number; allocationId: string | null; publicIp: string | null; instanceId: string | null };

export async function addressesOf(ctx: Ctx, serviceId: string): Promise<AddressRow[]> {
  return ctx.db.serviceAddress.findMany({ where: { serviceId, environmentId: ctx.environment.id }, orderBy: { slot: "asc" }, select: { id: true, slot: true, allocationId: true, publicIp: true, instanceId: true } });
}

/** Records a naturally idempotent cloud mutation (its id is its token), committed before it is sent. */
async function recordOperation(ctx: Ctx, action: string, request: Record<string, unknown>): Promise<string> {
  const operationId = newId();
  await ctx.commit(
    (proceed) => Prisma.sql`
      INSERT INTO "CloudOperation" ("id", "environmentId", "runId", "action", "idempotencyToken", "request", "state", "createdAt")
      SELECT ${operationId}, ${ctx.environment.id}, ${ctx.run.id}, ${action}, ${operationId}, ${JSON.stringify(request)}::jsonb, 'pending', ${new Date()} WHERE ${proceed}`,
  );
  return operationId;
}

/** Makes sure slots 0..count-1 hold an allocated address. */
export async function ensureAddresses(ctx: Ctx, provider: CloudProvider, service: { id: string; name: string }, count: number): Promise<AddressRow[]> {
  const rows = await addressesOf(ctx, service.id);
  for (let slot = 0; slot < count; slot++) {
    let row = rows.find((r) => r.slot === slot);
    if (!row) {
      row = { id: newId(), slot, allocationId: null, publicIp: null, instanceId: null };
      const { id } = row;
      // Recorded (and committed) before AllocateAddress: its id is the tag that finds it again.
      await ctx.commit(
        (proceed) => Prisma.sql`
          INSERT INTO "ServiceAddress" ("id", "serviceId", "environmentId", "slot", "createdAt", "updatedAt")
          SELECT ${id}, ${service.id}, ${ctx.environment.id}, ${slot}, ${new Date()}, ${new Date()} WHERE ${proceed}
          ON CONFLICT ("serviceId", "environmentId", "slot") DO NOTHING`,
      );
      rows.push(row);
    }
    if (row.allocationId) continue;
    const [existing] = await provider.describeAddresses({ tags: { [ADDRESS_TAG]: row.id } });
    await ctx.fresh();
    const address =
      existing ??
      (await provider.allocateAddress({
        tags: { [ADDRESS_TAG]: row.id, [HANGAR_TAGS.environment]: ctx.environment.id, [HANGAR_TAGS.run]: ctx.run.id, [HANGAR_TAGS.managedBy]: MANAGED_BY, "hangar:service": service.name, Name: `${ctx.environment.name}-${service.name}-${slot}` },
      }));
    ctx.log(`${existing ? "Found" : "Allocated"} Elastic IP ${address.publicIp} (${address.allocationId}) for ${service.name} slot ${slot}`);
    row.allocationId = address.allocationId;
    row.publicIp = address.publicIp;
    const { id, allocationId, publicIp } = row;
    await ctx.commit((held) => Prisma.sql`UPDATE "ServiceAddress" SET "allocationId" = ${allocationId}, "publicIp" = ${publicIp}, "updatedAt" = ${new Date()} WHERE "id" = ${id} AND ${held}`);
  }
  return rows.filter((r) => r.slot < count).sort((a, b) => a.slot - b.slot);
}

/** Points each address at its instance (moving it from wherever it is); recorded first, safe to repeat. */
export async function pointAddresses(ctx: Ctx, provider: CloudProvider, moves: { address: AddressRow; instanceId: string }[]): Promise<void> {
  for (const { address, instanceId } of moves) {
    if (!address.allocationId) throw new Error(`address slot ${address.slot} is not allocated`);
    const operationId = await recordOperation(ctx, "AssociateAddress", { allocationId: address.allocationId, instanceId, from: address.instanceId });
    await ctx.fresh();
    const { associationId } = await provider.associateAddress({ allocationId: address.allocationId, instanceId, allowReassociation: true });
    ctx.log(`Moved ${address.publicIp} to ${instanceId}${address.instanceId && address.instanceId !== instanceId ? ` (from ${address.instanceId})` : ""}`);
    const { id } = address;
    // Each deferred write is a part of one statement: one row each, no nested WITH. The
    // instance's public address becomes the Elastic IP with the service change that follows.
    ctx.defer((held) => Prisma.sql`UPDATE "CloudOperation" SET "state" = 'succeeded', "completedAt" = ${new Date()}, "response" = ${JSON.stringify({ associationId })}::jsonb WHERE "id" = ${operationId} AND ${held}`);
    ctx.defer((held) => Prisma.sql`UPDATE "ServiceAddress" SET "instanceId" = ${instanceId}, "updatedAt" = ${new Date()} WHERE "id" = ${id} AND ${held}`);
    address.instanceId = instanceId;
  }
}

/** Releases every address the environment holds (after its instances are gone, as destroy does). */
export async function releaseEnvironmentAddresses(ctx: Ctx, providerOf: () => Promise<CloudProvider>): Promise<string[]> {
  const rows = await ctx.db.serviceAddress.findMany({ where: { environmentId: ctx.environment.id } });
  const released: string[] = [];
  if (rows.length === 0) return released;
  const provider = await providerOf();
  for (const row of rows) {
    if (row.allocationId) {
      const operationId = await recordOperation(ctx, "ReleaseAddress", { allocationId: row.allocationId });
      await ctx.fresh();
      const [current] = await provider.describeAddresses({ allocationIds: [row.allocationId] });
      if (current?.associationId) await provider.disassociateAddress(current.associationId);
      await provider.releaseAddress(row.allocationId);
      ctx.log(`Released Elastic IP ${row.publicIp ?? row.allocationId}`);
      released.push(row.allocationId);
      ctx.defer((held) => Prisma.sql`UPDATE "CloudOperation" SET "state" = 'succeeded', "completedAt" = ${new Date()} WHERE "id" = ${operationId} AND ${held}`);
    }
    const { id } = row;
    ctx.defer((held) => Prisma.sql`DELETE FROM "ServiceAddress" WHERE "id" = ${id} AND ${held}`);
  }
  return released;
}
