// Regions and availability zones the sandbox serves. Zone letters and zone ids follow what EC2
// shows (ids like use1-az1 map zone names to physical zones); opt-in regions are listed with
// AllRegions=true but, as on AWS for an account that did not opt in, cannot be called.

export interface Zone {
  name: string;
  id: string;
  region: string;
  /** Position in the region, used to give each zone its own private address block. */
  index: number;
}

export interface Region {
  name: string;
  optIn: "opt-in-not-required" | "not-opted-in";
  zones: Zone[];
  /** Suffix EC2 uses in private DNS names (`ec2.internal` only in us-east-1). */
  privateDnsSuffix: string;
  /** Suffix of public DNS names (`compute-1.amazonaws.com` only in us-east-1). */
  publicDnsSuffix: string;
  /** First octets of public IPv4 ranges handed out in this region. */
  publicIpPrefixes: number[];
}

function region(
  name: string,
  idPrefix: string,
  zones: [letter: string, az: number][],
  ipPrefixes: number[],
  optIn = false,
): Region {
  return {
    name,
    optIn: optIn ? "not-opted-in" : "opt-in-not-required",
    zones: zones.map(([letter, az], index) => ({
      name: `${name}${letter}`,
      id: `${idPrefix}-az${az}`,
      region: name,
      index,
    })),
    privateDnsSuffix: name === "us-east-1" ? "ec2.internal" : `${name}.compute.internal`,
    publicDnsSuffix: name === "us-east-1" ? "compute-1.amazonaws.com" : `${name}.compute.amazonaws.com`,
    publicIpPrefixes: ipPrefixes,
  };
}

const abc: [string, number][] = [
  ["a", 1],
  ["b", 2],
  ["c", 3],
];

export const regions: readonly Region[] = [
  region(
    "us-east-1",
    "use1",
    [
      ["a", 1],
      ["b", 2],
      ["c", 4],
      ["d", 6],
      ["e", 3],
      ["f", 5],
    ],
    [3, 18, 34, 44, 52, 54],
  ),
  region("us-east-2", "use2", abc, [3, 13, 18, 52]),
  region(
    "us-west-1",
    "usw1",
    [
      ["a", 3],
      ["c", 1],
    ],
    [13, 50, 52, 54],
  ),
  region(
    "us-west-2",
    "usw2",
    [
      ["a", 1],
      ["b", 2],
      ["c", 3],
      ["d", 4],
    ],
    [34, 35, 44, 52, 54],
  ),
  region(
    "ca-central-1",
    "cac1",
    [
      ["a", 1],
      ["b", 2],
      ["d", 4],
    ],
    [3, 15, 35, 52],
  ),
  region("eu-west-1", "euw1", abc, [3, 34, 52, 54]),
  region("eu-west-2", "euw2", abc, [3, 18, 35, 52]),
  region("eu-central-1", "euc1", abc, [3, 18, 35, 52]),
  region("eu-north-1", "eun1", abc, [13, 16, 51]),
  region("ap-south-1", "aps1", abc, [3, 13, 15, 65]),
  region("ap-southeast-1", "apse1", abc, [3, 13, 18, 52, 54]),
  region("ap-southeast-2", "apse2", abc, [3, 13, 52, 54]),
  region(
    "ap-northeast-1",
    "apne1",
    [
      ["a", 4],
      ["c", 1],
      ["d", 2],
    ],
    [3, 13, 18, 35, 52, 54],
  ),
  region("sa-east-1", "sae1", abc, [15, 18, 54]),
  region("af-south-1", "afs1", abc, [13], true),
  region("ap-east-1", "ape1", abc, [16, 18], true),
  region("me-south-1", "mes1", abc, [15, 157], true),
];

const byName = new Map(regions.map((r) => [r.name, r]));

export function findRegion(name: string): Region | undefined {
  return byName.get(name);
}

/** Regions a request may be signed for (opt-in regions are not enabled for sandbox accounts). */
export function isCallableRegion(name: string): boolean {
  return byName.get(name)?.optIn === "opt-in-not-required";
}

export function findZone(regionName: string, zoneName: string): Zone | undefined {
  return byName.get(regionName)?.zones.find((z) => z.name === zoneName);
}
