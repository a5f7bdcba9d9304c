// Real instance-type facts (vCPUs, memory, architecture, GPUs, network) for all 1,373 EC2 types,
// read once from data/ec2-instance-types.json (extracted from EC2 DescribeInstanceTypes).
import { readFileSync } from "node:fs";

interface RawType {
  type: string;
  vcpus: number;
  memoryMiB: number;
  arch: string;
  burstable: boolean;
  currentGeneration: boolean;
  gpus: number;
  network: string;
}

export interface InstanceTypeInfo {
  name: string;
  vcpus: number;
  memoryMiB: number;
  architectures: string[];
  burstable: boolean;
  currentGeneration: boolean;
  gpus: number;
  network: string;
  bareMetal: boolean;
}

// The data keeps one architecture per type; EC2 reports 32-bit-capable types as i386 *and* x86_64.
function architecturesOf(arch: string): string[] {
  return arch === "i386" ? ["i386", "x86_64"] : [arch];
}

let loaded: { list: InstanceTypeInfo[]; byName: Map<string, InstanceTypeInfo> } | undefined;

function load(): NonNullable<typeof loaded> {
  if (loaded !== undefined) return loaded;
  const file = new URL("../data/ec2-instance-types.json", import.meta.url);
  const raw = JSON.parse(readFileSync(file, "utf8")) as { instanceTypes: RawType[] };
  const list = raw.instanceTypes
    .map((t): InstanceTypeInfo => ({
      name: t.type,
      vcpus: t.vcpus,
      memoryMiB: t.memoryMiB,
      architectures: architecturesOf(t.arch),
      burstable: t.burstable,
      currentGeneration: t.currentGeneration,
      gpus: t.gpus,
      network: t.network,
      bareMetal: t.type.endsWith(".metal") || t.type.includes(".metal-"),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  loaded = { list, byName: new Map(list.map((t) => [t.name, t])) };
  return loaded;
}

export function allInstanceTypes(): readonly InstanceTypeInfo[] {
  return load().list;
}

export function findInstanceType(name: string): InstanceTypeInfo | undefined {
  return load().byName.get(name);
}

// Graviton, burstable t2 and old generations expose one thread per core; others two.
export function threadsPerCore(type: InstanceTypeInfo): number {
  const singleThreaded =
    type.vcpus === 1 ||
    type.architectures.every((a) => a.startsWith("arm64")) ||
    /^(t2|m1|m2|m3|c1|c3|a1)\./.test(type.name);
  return singleThreaded ? 1 : 2;
}
