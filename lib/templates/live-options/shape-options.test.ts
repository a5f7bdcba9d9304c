import { describe, expect, it } from "vitest";
import type { InstanceTypeInfo } from "../../cloud/provider";
import { imageOptions, instanceTypeOptions, subnetOptions, vpcOptions, zoneOptions } from "./shape-options";
import { notOfferedMessage } from "./resolve-live-options";

const type = (name: string, vcpus: number, memoryMiB: number, extra: Partial<InstanceTypeInfo> = {}): InstanceTypeInfo => ({
  type: name,
  vcpus,
  memoryMiB,
  architectures: ["x86_64"],
  currentGeneration: true,
  burstable: false,
  gpus: 0,
  ...extra,
});

const prices: Record<string, number> = { "t3.small": 0.0208, "m6i.large": 0.096 };
const price = (name: string) => (prices[name] ? { instanceType: name, region: "us-east-1", usdPerHour: prices[name], asOf: "2026-11-01", derived: false } : null);

describe("option shaping", () => {
  it("filters instance types by the template's ranges and the zone's offerings, small to large, with vCPU, memory and price", () => {
    const types = [
      type("m6i.large", 2, 8192),
      type("t3.small", 2, 2048),
      type("t3.nano", 2, 512),
      type("c6g.large", 2, 4096, { architectures: ["arm64"] }),
      type("t2.small", 1, 2048, { currentGeneration: false }),
      type("p3.2xlarge", 8, 62_464, { gpus: 1 }),
      type("t3.medium", 2, 4096),
    ];
    const options = instanceTypeOptions(types, { minMemoryGiB: 1, maxVcpu: 4, architecture: "x86_64" }, new Set(["t3.small", "m6i.large", "t3.nano", "c6g.large", "t2.small"]), price);
    expect(options).toEqual([
      { value: "t3.small", label: "t3.small", detail: "2 vCPU · 2 GiB · x86_64 · $0.0208/h" },
      { value: "m6i.large", label: "m6i.large", detail: "2 vCPU · 8 GiB · x86_64 · $0.096/h" },
    ]);
    const withGpu = instanceTypeOptions(types, { minVcpu: 8, currentGeneration: false }, null, price);
    expect(withGpu).toEqual([{ value: "p3.2xlarge", label: "p3.2xlarge", detail: "8 vCPU · 61 GiB · x86_64 · 1 GPU · price unknown" }]);
  });

  it("puts the newest image first, default VPC first, subnets in zone order, and only available zones", () => {
    const images = imageOptions([
      { id: "ami-1", name: "old", architecture: "x86_64", ownerId: "1", createdAt: new Date("2025-01-01") },
      { id: "ami-2", name: "new", architecture: "x86_64", ownerId: "1", createdAt: new Date("2026-11-12") },
    ]);
    expect(images.map((o) => [o.value, o.detail])).toEqual([
      ["ami-2", "ami-2 · x86_64 · 2026-11-12"],
      ["ami-1", "ami-1 · x86_64 · 2025-01-01"],
    ]);
    expect(vpcOptions([{ id: "vpc-b", name: "apps", cidr: "10.0.0.0/16", isDefault: false }, { id: "vpc-a", cidr: "172.31.0.0/16", isDefault: true }]).map((o) => o.label)).toEqual([
      "default VPC (vpc-a)",
      "apps (vpc-b)",
    ]);
    const subnets = subnetOptions([
      { id: "subnet-2", vpcId: "vpc-b", cidr: "10.0.16.0/20", zone: "us-east-1b", isDefault: false, mapPublicIp: false },
      { id: "subnet-1", name: "a", vpcId: "vpc-b", cidr: "10.0.0.0/20", zone: "us-east-1a", isDefault: false, mapPublicIp: true, availableIps: 4091 },
    ]);
    expect(subnets).toEqual([
      { value: "subnet-1", label: "a (subnet-1)", detail: "10.0.0.0/20 · us-east-1a · public IPs · 4091 free addresses" },
      { value: "subnet-2", label: "subnet-2", detail: "10.0.16.0/20 · us-east-1b · private" },
    ]);
    expect(zoneOptions([{ name: "us-east-1b", state: "available" }, { name: "us-east-1a", state: "impaired" }]).map((o) => o.value)).toEqual(["us-east-1b"]);
  });

  it("says what a stale value is not, narrowed by what, and where", () => {
    const subnet = { name: "subnet", source: "subnets" as const, filter: {}, dependsOn: ["vpc"] };
    expect(notOfferedMessage(subnet, "subnet-123", { vpc: "vpc-abc" }, "eu-west-1")).toBe("subnet-123 is not a subnet of vpc-abc in eu-west-1");
    const types = { name: "size", source: "instanceTypes" as const, filter: { maxVcpu: 4 }, dependsOn: ["zone"] };
    expect(notOfferedMessage(types, "m5.24xlarge", { zone: "eu-west-1b" }, "eu-west-1")).toBe("m5.24xlarge is not an instance type offered in eu-west-1b that this template allows");
    const images = { name: "image", source: "images" as const, filter: { owner: "amazon", name: "al2023-*" }, dependsOn: [] };
    expect(notOfferedMessage(images, "ami-1", {}, "us-east-1")).toBe("ami-1 is not an image matching amazon/al2023-* in us-east-1");
  });
});
