// RunInstances: idempotent by ClientToken (a replay returns the original reservation, even after
// its instances terminated), zone chosen like EC2 when not pinned (among zones offering the
// type), addresses from the subnet, capacity faults per zone.
import { createHash } from "node:crypto";
import { zonesOffering } from "../catalog/offerings";
import type { Zone } from "../catalog/regions";
import type { SubnetRecord } from "../engine/network";
import { resourceId } from "../engine/random";
import type { InstanceRecord } from "../engine/instance";
import { behaviourFromUserData } from "../engine/user-data-markers";
import { Ec2Error, errors } from "../protocol/ec2-error";
import { reservationXml } from "../render/instance-xml";
import { endOfValidation, type ActionContext } from "./context";
import { readLaunchRequest, type LaunchRequest } from "./run-instances-request";

// Parameters that may differ between a request and its retry without being a different request.
const NOT_PART_OF_IDENTITY = ["Action", "Version", "ClientToken", "DryRun"];

function chooseZone(ctx: ActionContext, request: LaunchRequest): Zone {
  if (request.zone !== undefined) return request.zone;
  const zones = zonesOffering(ctx.region, request.type.name);
  const usable = zones.filter((z) => !ctx.faults.zoneAlwaysShort(z.name, request.type.name));
  return ctx.random.pick(usable.length > 0 ? usable : zones) ?? (zones[0] as Zone);
}

/** Private addresses for the whole launch, or EC2's error when the subnet cannot hold it. */
function allocateAddresses(ctx: ActionContext, subnet: SubnetRecord, request: LaunchRequest): string[] {
  const { ips } = ctx.partition;
  const count = Math.min(request.maxCount, ips.available(subnet));
  if (count < request.minCount) {
    throw new Ec2Error(
      "InsufficientFreeAddressesInSubnet",
      `There are not enough free addresses in subnet '${subnet.id}' to satisfy the requested number of instances.`,
    );
  }
  return Array.from({ length: count }, () => ips.allocatePrivate(subnet) as string);
}

function uniqueInstanceId(ctx: ActionContext): string {
  for (;;) {
    const id = resourceId(ctx.random, "i");
    if (!ctx.partition.byId.has(id)) return id;
  }
}

function launch(ctx: ActionContext, request: LaunchRequest, zone: Zone, reservationId: string): InstanceRecord[] {
  const { partition, random, now } = ctx;
  const timings = ctx.config.timings;
  const subnet = request.subnet ?? partition.network.defaultSubnet(zone);
  const addresses = allocateAddresses(ctx, subnet, request);
  // An explicit AssociatePublicIpAddress wins over the subnet's setting, either way.
  const publicIp = request.associatePublicIp ?? subnet.mapPublicIpOnLaunch;
  const behaviour = behaviourFromUserData(ctx.params.string("UserData"));
  const instances: InstanceRecord[] = [];
  for (const [index, privateIp] of addresses.entries()) {
    const runningAfter = random.duration(timings.pendingToRunning);
    const instance: InstanceRecord = {
      id: uniqueInstanceId(ctx),
      seq: partition.nextSeq++,
      reservationId,
      imageId: request.image.id,
      instanceType: request.type.name,
      architecture: request.image.architecture,
      zone: zone.name,
      zoneId: zone.id,
      subnetId: subnet.id,
      vpcId: subnet.vpcId,
      securityGroupIds: request.securityGroupIds,
      privateIp,
      associatePublicIp: publicIp,
      publicIp: publicIp ? partition.ips.allocatePublic(random, ctx.region.publicIpPrefixes) : null,
      elasticAllocationId: null,
      behaviour: { ...behaviour },
      networkInterfaceId: resourceId(random, "eni"),
      macAddress: `0e:${random.hex(10).replace(/(..)(?=.)/g, "$1:")}`,
      volumeId: resourceId(random, "vol"),
      rootDeviceName: request.image.rootDeviceName,
      keyName: request.keyName,
      clientToken: request.clientToken ?? null,
      launchTime: now,
      amiLaunchIndex: index,
      tags: new Map(request.tags),
      timeline: [
        { state: "pending", at: now },
        { state: "running", at: now + runningAfter },
      ],
      statusOkAt: now + runningAfter + random.duration(timings.runningToStatusOk),
      reason: "",
      terminating: false,
      purged: false,
    };
    instances.push(instance);
  }
  return instances;
}

export function runInstances(ctx: ActionContext): string {
  const request = readLaunchRequest(ctx);
  const { partition } = ctx;
  const requestHash =
    request.clientToken === undefined
      ? undefined
      : createHash("sha256").update(ctx.params.canonical(NOT_PART_OF_IDENTITY)).digest("base64");
  const previous = request.clientToken === undefined ? undefined : partition.byClientToken.get(request.clientToken);
  if (previous !== undefined && previous.hash !== requestHash) throw errors.idempotentMismatch();
  endOfValidation(ctx);
  if (previous !== undefined) return reservationXml(previous.reservationId, previous.instances, partition, ctx.now);

  const zone = chooseZone(ctx, request);
  if (ctx.faults.capacityShortage(zone.name, request.type.name)) {
    const others = zonesOffering(ctx.region, request.type.name)
      .filter((z) => z.name !== zone.name && !ctx.faults.zoneAlwaysShort(z.name, request.type.name))
      .map((z) => z.name);
    throw errors.capacity(request.type.name, zone.name, others);
  }
  const reservationId = resourceId(ctx.random, "r");
  const instances = launch(ctx, request, zone, reservationId);
  partition.add(
    instances,
    request.clientToken === undefined || requestHash === undefined
      ? undefined
      : { token: request.clientToken, hash: requestHash },
  );
  ctx.state.changed();
  return reservationXml(reservationId, instances, partition, ctx.now);
}
