// Cloud answers -> the options a form shows ({value, label, detail}), filtered by the template's
// filter and sorted the way a person choosing reads them: small to large types, newest images,
// zones and subnets in zone order, defaults first.
import type { AvailabilityZone, CloudImage, CloudKeyPair, CloudSecurityGroup, CloudSubnet, CloudVpc, HourlyPrice, InstanceTypeInfo } from "../../cloud/provider";
import type { LiveFilter } from "./live-parameter-spec";

export type LiveOption = { value: string; label: string; detail?: string };

const GIB = 1024;

function gib(memoryMiB: number): string {
  const value = memoryMiB / GIB;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} GiB`;
}

/** Whether a type passes the template's filter (the parts EC2 cannot filter on: ranges). */
export function matchesTypeFilter(type: InstanceTypeInfo, filter: LiveFilter): boolean {
  if (filter.minVcpu !== undefined && type.vcpus < filter.minVcpu) return false;
  if (filter.maxVcpu !== undefined && type.vcpus > filter.maxVcpu) return false;
  if (filter.minMemoryGiB !== undefined && type.memoryMiB < filter.minMemoryGiB * GIB) return false;
  if (filter.maxMemoryGiB !== undefined && type.memoryMiB > filter.maxMemoryGiB * GIB) return false;
  if (filter.architecture && !type.architectures.includes(filter.architecture)) return false;
  if (filter.families && !filter.families.includes(type.type.split(".")[0] ?? "")) return false;
  if ((filter.currentGeneration ?? true) && !type.currentGeneration) return false;
  return true;
}

export function instanceTypeOptions(
  types: InstanceTypeInfo[],
  filter: LiveFilter,
  offered: ReadonlySet<string> | null,
  price: (type: string) => HourlyPrice | null,
): LiveOption[] {
  return types
    .filter((type) => matchesTypeFilter(type, filter) && (offered === null || offered.has(type.type)))
    .map((type) => ({ type, price: price(type.type) }))
    .sort((a, b) => a.type.vcpus - b.type.vcpus || a.type.memoryMiB - b.type.memoryMiB || (a.price?.usdPerHour ?? Infinity) - (b.price?.usdPerHour ?? Infinity) || a.type.type.localeCompare(b.type.type))
    .map(({ type, price: hourly }) => ({
      value: type.type,
      label: type.type,
      detail: [
        `${type.vcpus} vCPU`,
        gib(type.memoryMiB),
        type.architectures.join("/"),
        ...(type.gpus > 0 ? [`${type.gpus} GPU`] : []),
        hourly ? `$${hourly.usdPerHour}/h${hourly.derived ? " (estimated)" : ""}` : "price unknown",
      ].join(" · "),
    }));
}

/** Newest first, the order EC2 does not give. */
export function imageOptions(images: CloudImage[]): LiveOption[] {
  return [...images]
    .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0) || a.name.localeCompare(b.name))
    .map((image) => ({
      value: image.id,
      label: image.name || image.id,
      detail: [image.id, image.architecture, ...(image.createdAt ? [image.createdAt.toISOString().slice(0, 10)] : [])].join(" · "),
    }));
}

export function zoneOptions(zones: AvailabilityZone[]): LiveOption[] {
  return zones
    .filter((zone) => zone.state === "available")
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((zone) => ({ value: zone.name, label: zone.name, ...(zone.id ? { detail: zone.id } : {}) }));
}

export function vpcOptions(vpcs: CloudVpc[]): LiveOption[] {
  return [...vpcs]
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || (a.name ?? a.id).localeCompare(b.name ?? b.id))
    .map((vpc) => ({
      value: vpc.id,
      label: vpc.name ? `${vpc.name} (${vpc.id})` : vpc.isDefault ? `default VPC (${vpc.id})` : vpc.id,
      detail: [vpc.cidr, ...(vpc.isDefault ? ["default"] : [])].join(" · "),
    }));
}

export function subnetOptions(subnets: CloudSubnet[]): LiveOption[] {
  return [...subnets]
    .sort((a, b) => a.zone.localeCompare(b.zone) || a.cidr.localeCompare(b.cidr, undefined, { numeric: true }))
    .map((subnet) => ({
      value: subnet.id,
      label: subnet.name ? `${subnet.name} (${subnet.id})` : subnet.id,
      detail: [
        subnet.cidr,
        subnet.zone,
        subnet.mapPublicIp ? "public IPs" : "private",
        ...(subnet.availableIps !== undefined ? [`${subnet.availableIps} free addresses`] : []),
      ].join(" · "),
    }));
}

export function securityGroupOptions(groups: CloudSecurityGroup[]): LiveOption[] {
  return [...groups]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((group) => ({ value: group.id, label: `${group.name} (${group.id})`, ...(group.description ? { detail: group.description } : {}) }));
}

export function keyPairOptions(keys: CloudKeyPair[]): LiveOption[] {
  return [...keys]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((key) => {
      const detail = [key.type, key.fingerprint].filter(Boolean).join(" · ");
      return { value: key.name, label: key.name, ...(detail ? { detail } : {}) };
    });
}
