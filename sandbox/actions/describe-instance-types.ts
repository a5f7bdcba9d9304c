// DescribeInstanceTypes with the real figures of all EC2 types. Like EC2 it pages by default
// (100 per page) and accepts MaxResults 5..100.
import { allInstanceTypes, findInstanceType, threadsPerCore, type InstanceTypeInfo } from "../catalog/instance-types";
import { Ec2Error } from "../protocol/ec2-error";
import { compileFilters, type FieldReader } from "../protocol/filters";
import { decodeNextToken, encodeNextToken, readMaxResults } from "../protocol/pagination";
import { el, itemSet, node } from "../protocol/xml";
import { endOfValidation, type ActionContext } from "./context";

const PAGE_DEFAULT = 100;

const readers: Record<string, FieldReader<InstanceTypeInfo>> = {
  "instance-type": (t) => t.name,
  "current-generation": (t) => String(t.currentGeneration),
  "processor-info.supported-architecture": (t) => t.architectures,
  "burstable-performance-supported": (t) => String(t.burstable),
  "bare-metal": (t) => String(t.bareMetal),
  "vcpu-info.default-vcpus": (t) => String(t.vcpus),
  "memory-info.size-in-mib": (t) => String(t.memoryMiB),
  "network-info.network-performance": (t) => t.network,
  "supported-usage-class": () => ["on-demand", "spot"],
  "supported-root-device-type": () => "ebs",
  "supported-virtualization-type": () => "hvm",
};

const FREE_TIER = new Set(["t2.micro", "t3.micro"]);

function typeXml(t: InstanceTypeInfo): string {
  const threads = threadsPerCore(t);
  return (
    el("instanceType", t.name) +
    el("currentGeneration", t.currentGeneration) +
    el("freeTierEligible", FREE_TIER.has(t.name)) +
    itemSet("supportedUsageClasses", ["on-demand", "spot"], (c) => c) +
    itemSet("supportedRootDeviceTypes", ["ebs"], (c) => c) +
    itemSet("supportedVirtualizationTypes", ["hvm"], (c) => c) +
    el("bareMetal", t.bareMetal) +
    node(
      "processorInfo",
      itemSet("supportedArchitectures", t.architectures, (a) => a),
    ) +
    node(
      "vCpuInfo",
      el("defaultVCpus", t.vcpus) +
        el("defaultCores", Math.max(1, Math.floor(t.vcpus / threads))) +
        el("defaultThreadsPerCore", threads),
    ) +
    node("memoryInfo", el("sizeInMiB", t.memoryMiB)) +
    node("networkInfo", el("networkPerformance", t.network)) +
    (t.gpus > 0
      ? node(
          "gpuInfo",
          itemSet("gpus", [t.gpus], (n) => el("count", n)),
        )
      : "") +
    el("burstablePerformanceSupported", t.burstable)
  );
}

export function describeInstanceTypes(ctx: ActionContext): string {
  const { params } = ctx;
  const names = params.list("InstanceType");
  const missing = names.filter((n) => findInstanceType(n) === undefined);
  if (missing.length > 0) {
    throw new Ec2Error(
      "InvalidInstanceType",
      `The following supplied instance types do not exist: [${missing.join(", ")}]`,
    );
  }
  const maxResults = readMaxResults(params, 5, 100) ?? PAGE_DEFAULT;
  const match = compileFilters(params.filters(), (name) => readers[name]);
  const offset = decodeNextToken("DescribeInstanceTypes", params.string("NextToken")) ?? 0;
  endOfValidation(ctx);

  const source = names.length > 0 ? allInstanceTypes().filter((t) => names.includes(t.name)) : allInstanceTypes();
  const matching = source.filter(match);
  const page = matching.slice(offset, offset + maxResults);
  const next =
    offset + maxResults < matching.length ? encodeNextToken("DescribeInstanceTypes", offset + maxResults) : undefined;
  return itemSet("instanceTypeSet", page, typeXml) + el("nextToken", next);
}
