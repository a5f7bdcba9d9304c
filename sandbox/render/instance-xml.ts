// Instance and reservation XML in EC2's element names (checked against the SDK's schemas:
// `instanceState`, `dnsName`, `ipAddress`, `reason`, `groupSet`, `tagSet`, ...). Terminated
// instances lose their network details, as they do on EC2.
import { findInstanceType, threadsPerCore } from "../catalog/instance-types";
import { visiblePublicIp } from "../engine/addresses";
import { privateDnsName, publicDnsName } from "../engine/ip-allocator";
import { stateAt, stateCodes, type InstanceRecord, type InstanceStateName } from "../engine/instance";
import type { Partition } from "../engine/partition";
import { el, isoTime, itemSet, node } from "../protocol/xml";

export function stateXml(state: InstanceStateName): string {
  return `<code>${stateCodes[state]}</code><name>${state}</name>`;
}

function stateReasonXml(state: InstanceStateName): string {
  if (state === "pending") return node("stateReason", el("code", "pending") + el("message", "pending"));
  if (state === "running") return "";
  return node(
    "stateReason",
    el("code", "Client.UserInitiatedShutdown") + el("message", "Client.UserInitiatedShutdown: User initiated shutdown"),
  );
}

function groupSetXml(instance: InstanceRecord, partition: Partition): string {
  return itemSet(
    "groupSet",
    instance.securityGroupIds,
    (id) => el("groupId", id) + el("groupName", partition.network.groups.get(id)?.name),
  );
}

function cpuOptionsXml(instance: InstanceRecord): string {
  const info = findInstanceType(instance.instanceType);
  const threads = info === undefined ? 1 : threadsPerCore(info);
  const vcpus = info?.vcpus ?? 1;
  return node("cpuOptions", el("coreCount", Math.max(1, Math.floor(vcpus / threads))) + el("threadsPerCore", threads));
}

function networkInterfaceXml(
  instance: InstanceRecord,
  partition: Partition,
  privateDns: string,
  publicIp: string | null,
): string {
  const association =
    publicIp === null
      ? ""
      : node(
          "association",
          el("publicIp", publicIp) +
            el("publicDnsName", publicDnsName(publicIp, partition.region.publicDnsSuffix)) +
            // An Elastic IP belongs to the account; an auto-assigned address to Amazon.
            el("ipOwnerId", instance.elasticAllocationId === null ? "amazon" : partition.ownerId),
        );
  const launch = isoTime(instance.launchTime);
  const item =
    el("networkInterfaceId", instance.networkInterfaceId) +
    el("subnetId", instance.subnetId) +
    el("vpcId", instance.vpcId) +
    el("description", "") +
    el("ownerId", partition.ownerId) +
    el("status", "in-use") +
    el("macAddress", instance.macAddress) +
    el("privateIpAddress", instance.privateIp) +
    el("privateDnsName", privateDns) +
    el("sourceDestCheck", true) +
    groupSetXml(instance, partition) +
    node(
      "attachment",
      el("attachmentId", instance.networkInterfaceId.replace("eni-", "eni-attach-")) +
        el("deviceIndex", 0) +
        el("networkCardIndex", 0) +
        el("status", "attached") +
        el("attachTime", launch) +
        el("deleteOnTermination", true),
    ) +
    association +
    itemSet(
      "privateIpAddressesSet",
      [0],
      () =>
        el("privateIpAddress", instance.privateIp) +
        el("privateDnsName", privateDns) +
        el("primary", true) +
        association,
    ) +
    el("interfaceType", "interface");
  return itemSet("networkInterfaceSet", [item], (x) => x);
}

export function instanceXml(instance: InstanceRecord, partition: Partition, now: number): string {
  const state = stateAt(instance, now);
  const gone = state === "terminated";
  const publicIp = visiblePublicIp(instance, now);
  const privateDns = gone ? "" : privateDnsName(instance.privateIp, partition.region.privateDnsSuffix);
  const launch = isoTime(instance.launchTime);
  const tags = [...instance.tags];
  return (
    el("instanceId", instance.id) +
    el("imageId", instance.imageId) +
    node("instanceState", stateXml(state)) +
    el("privateDnsName", privateDns) +
    el("dnsName", publicIp === null ? "" : publicDnsName(publicIp, partition.region.publicDnsSuffix)) +
    el("reason", state === "pending" || state === "running" ? "" : instance.reason) +
    el("keyName", instance.keyName) +
    el("amiLaunchIndex", instance.amiLaunchIndex) +
    node("productCodes", "") +
    el("instanceType", instance.instanceType) +
    el("launchTime", launch) +
    node(
      "placement",
      el("availabilityZoneId", instance.zoneId) +
        el("availabilityZone", instance.zone) +
        el("groupName", "") +
        el("tenancy", "default"),
    ) +
    node("monitoring", el("state", "disabled")) +
    (gone
      ? ""
      : el("subnetId", instance.subnetId) + el("vpcId", instance.vpcId) + el("privateIpAddress", instance.privateIp)) +
    el("ipAddress", publicIp) +
    (gone ? "" : el("sourceDestCheck", true)) +
    (gone ? node("groupSet", "") : groupSetXml(instance, partition)) +
    stateReasonXml(state) +
    el("architecture", instance.architecture) +
    el("rootDeviceType", "ebs") +
    el("rootDeviceName", instance.rootDeviceName) +
    (gone
      ? node("blockDeviceMapping", "")
      : itemSet(
          "blockDeviceMapping",
          [0],
          () =>
            el("deviceName", instance.rootDeviceName) +
            node(
              "ebs",
              el("volumeId", instance.volumeId) +
                el("status", "attached") +
                el("attachTime", launch) +
                el("deleteOnTermination", true),
            ),
        )) +
    el("virtualizationType", "hvm") +
    el("clientToken", instance.clientToken ?? "") +
    (tags.length > 0 ? itemSet("tagSet", tags, ([k, v]) => el("key", k) + el("value", v)) : "") +
    el("hypervisor", "xen") +
    (gone ? node("networkInterfaceSet", "") : networkInterfaceXml(instance, partition, privateDns, publicIp)) +
    el("ebsOptimized", false) +
    el("enaSupport", true) +
    cpuOptionsXml(instance) +
    node("capacityReservationSpecification", el("capacityReservationPreference", "open")) +
    node("hibernationOptions", el("configured", false)) +
    node(
      "metadataOptions",
      el("state", "applied") +
        el("httpTokens", "required") +
        el("httpPutResponseHopLimit", 2) +
        el("httpEndpoint", "enabled") +
        el("httpProtocolIpv6", "disabled") +
        el("instanceMetadataTags", "disabled"),
    ) +
    node("enclaveOptions", el("enabled", false)) +
    el("platformDetails", "Linux/UNIX") +
    el("usageOperation", "RunInstances") +
    el("usageOperationUpdateTime", launch) +
    node(
      "privateDnsNameOptions",
      el("hostnameType", "ip-name") +
        el("enableResourceNameDnsARecord", false) +
        el("enableResourceNameDnsAAAARecord", false),
    ) +
    node("maintenanceOptions", el("autoRecovery", "default"))
  );
}

/** Body of one reservation (`reservationSet/item` or the whole RunInstances response). */
export function reservationXml(
  reservationId: string,
  instances: readonly InstanceRecord[],
  partition: Partition,
  now: number,
): string {
  return (
    el("reservationId", reservationId) +
    el("ownerId", partition.ownerId) +
    node("groupSet", "") +
    itemSet("instancesSet", instances, (i) => instanceXml(i, partition, now))
  );
}

/** Groups a page of instances into reservations, keeping the page order. */
export function reservationSetXml(instances: readonly InstanceRecord[], partition: Partition, now: number): string {
  const groups = new Map<string, InstanceRecord[]>();
  for (const instance of instances) {
    const group = groups.get(instance.reservationId);
    if (group === undefined) groups.set(instance.reservationId, [instance]);
    else group.push(instance);
  }
  return itemSet("reservationSet", [...groups], ([id, members]) => reservationXml(id, members, partition, now));
}
