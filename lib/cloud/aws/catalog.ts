// Read-only catalog queries that fill Hangar's forms from live cloud data: images, instance
// types, regions and zones.
import {
  DescribeAvailabilityZonesCommand,
  DescribeImagesCommand,
  DescribeInstanceTypesCommand,
  DescribeRegionsCommand,
  type DescribeInstanceTypesCommandInput,
  type EC2Client,
  type Filter,
  type InstanceTypeInfo as SdkInstanceTypeInfo,
} from "@aws-sdk/client-ec2";
import type { AvailabilityZone, CloudImage, InstanceTypeInfo, InstanceTypeQuery } from "../provider";
import type { Call } from "./call";
import { chunk } from "./to-cloud-instance";

// Public image catalogs hold tens of thousands of images; a form needs the newest few.
const IMAGE_PAGE_SIZE = 1000;
const MAX_IMAGE_PAGES = 5;
// DescribeInstanceTypes answers at most 100 per page.
const TYPE_PAGE_SIZE = 100;

export async function listImages(
  client: EC2Client,
  call: Call,
  query: { owners?: string[]; namePattern?: string; architecture?: string } = {},
): Promise<CloudImage[]> {
  const filters: Filter[] = [{ Name: "state", Values: ["available"] }];
  if (query.namePattern) filters.push({ Name: "name", Values: [query.namePattern] });
  if (query.architecture) filters.push({ Name: "architecture", Values: [query.architecture] });
  // Without owners EC2 would list every public image; default to the account's own.
  const owners = query.owners?.length ? query.owners : ["self"];
  const images: CloudImage[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_IMAGE_PAGES; page += 1) {
    const input = { Owners: owners, Filters: filters, MaxResults: IMAGE_PAGE_SIZE, NextToken: nextToken };
    const output = await call("DescribeImages", () => client.send(new DescribeImagesCommand(input)));
    for (const image of output.Images ?? []) {
      if (!image.ImageId) continue;
      const result: CloudImage = {
        id: image.ImageId,
        name: image.Name ?? "",
        architecture: image.Architecture ?? "",
        ownerId: image.OwnerId ?? "",
      };
      if (image.Description) result.description = image.Description;
      if (image.CreationDate) result.createdAt = new Date(image.CreationDate);
      images.push(result);
    }
    nextToken = output.NextToken || undefined;
    if (!nextToken) break;
  }
  // Newest first: what a person picking an image wants to see on top.
  return images.sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
}

function toInstanceTypeInfo(info: SdkInstanceTypeInfo): InstanceTypeInfo {
  return {
    type: info.InstanceType ?? "",
    vcpus: info.VCpuInfo?.DefaultVCpus ?? 0,
    memoryMiB: info.MemoryInfo?.SizeInMiB ?? 0,
    architectures: info.ProcessorInfo?.SupportedArchitectures ?? [],
    currentGeneration: info.CurrentGeneration ?? false,
    burstable: info.BurstablePerformanceSupported ?? false,
    gpus: (info.GpuInfo?.Gpus ?? []).reduce((sum, gpu) => sum + (gpu.Count ?? 0), 0),
  };
}

/**
 * With `types`, an `instance-type` filter: unknown names are left out instead of failing the call.
 * `families`, `architecture` and `currentGeneration` are EC2 filters too, so a form asking for a
 * few families reads one page instead of all ~1,400 types.
 */
export async function listInstanceTypes(client: EC2Client, call: Call, query: InstanceTypeQuery = {}): Promise<InstanceTypeInfo[]> {
  const common: Filter[] = [];
  if (query.architecture) common.push({ Name: "processor-info.supported-architecture", Values: [query.architecture] });
  if (query.currentGeneration !== undefined) common.push({ Name: "current-generation", Values: [String(query.currentGeneration)] });
  const named: Filter[][] = query.types
    ? chunk([...new Set(query.types)], TYPE_PAGE_SIZE).map((types) => [{ Name: "instance-type", Values: types }])
    : query.families?.length
      ? [[{ Name: "instance-type", Values: [...new Set(query.families)].map((family) => `${family}.*`) }]]
      : [[]];
  const filterSets = named.map((filters) => (filters.length + common.length > 0 ? [...filters, ...common] : undefined));
  const results: InstanceTypeInfo[] = [];
  for (const filters of filterSets) {
    let nextToken: string | undefined;
    do {
      const input: DescribeInstanceTypesCommandInput = { Filters: filters, MaxResults: TYPE_PAGE_SIZE, NextToken: nextToken };
      const output = await call("DescribeInstanceTypes", () => client.send(new DescribeInstanceTypesCommand(input)));
      results.push(...(output.InstanceTypes ?? []).map(toInstanceTypeInfo));
      nextToken = output.NextToken || undefined;
    } while (nextToken);
  }
  return results.sort((a, b) => a.type.localeCompare(b.type));
}

/** Regions enabled for the account. */
export async function listRegions(client: EC2Client, call: Call): Promise<string[]> {
  const output = await call("DescribeRegions", () => client.send(new DescribeRegionsCommand({})));
  return (output.Regions ?? []).flatMap((region) => (region.RegionName ? [region.RegionName] : [])).sort();
}

export async function listZones(client: EC2Client, call: Call): Promise<AvailabilityZone[]> {
  const output = await call("DescribeAvailabilityZones", () => client.send(new DescribeAvailabilityZonesCommand({})));
  return (output.AvailabilityZones ?? []).flatMap((zone) => {
    if (!zone.ZoneName) return [];
    const result: AvailabilityZone = { name: zone.ZoneName, state: zone.State ?? "unknown" };
    if (zone.ZoneId) result.id = zone.ZoneId;
    return [result];
  });
}
