// The network every sandbox account finds in every region, like a fresh AWS account plus a little
// that a platform team would have set up:
// - the default VPC (172.31.0.0/16) with one default /20 subnet per zone that maps public IPs,
//   and its "default" security group (ids kept from before the sandbox modelled networks, so
//   state files and templates naming them keep working);
// - "hangar-web" in the default VPC (SSH, HTTP, HTTPS from anywhere);
// - "hangar-private" (10.0.0.0/16): one private subnet per zone (no public IPs), its "default"
//   group and "hangar-db" (Postgres from inside the VPC), so forms have a second VPC to pick;
// - the key pair "hangar-demo".
import type { Region } from "../catalog/regions";
import { parseCidr, type Cidr } from "./cidr";
import { ALLOW_ALL_OUT, defaultGroupRecord, derivedHex, keyPairRecord, Network } from "./network";

export const DEFAULT_VPC_CIDR = "172.31.0.0/16";
export const PRIVATE_VPC_NAME = "hangar-private";
export const DEMO_KEY_PAIR = "hangar-demo";

const cidr = (text: string): Cidr => parseCidr(text) as Cidr;
const anywhere = (port: number) => ({ protocol: "tcp", fromPort: port, toPort: port, cidrs: ["0.0.0.0/0"], groupIds: [] });

export function createNetwork(account: string, region: Region): Network {
  const network = new Network(account, region);
  const vpcId = `vpc-0${derivedHex(16, "vpc", account, region.name)}`;
  network.defaultVpcId = vpcId;
  network.putVpc({
    id: vpcId,
    cidr: cidr(DEFAULT_VPC_CIDR),
    isDefault: true,
    dhcpOptionsId: `dopt-0${derivedHex(16, "dopt", account, region.name)}`,
    tags: new Map(),
  });
  network.putGroup(defaultGroupRecord(`sg-0${derivedHex(16, "sg", account, region.name)}`, vpcId));
  region.zones.forEach((zone, index) => {
    network.putSubnet({
      // Derived from the zone name alone, as it always was (zone names carry the region).
      id: `subnet-0${derivedHex(16, "subnet", account, zone.name)}`,
      vpcId,
      zone,
      cidr: cidr(`172.31.${index * 16}.0/20`),
      defaultForAz: true,
      mapPublicIpOnLaunch: true,
      tags: new Map(),
    });
  });
  network.putGroup({
    id: `sg-0${derivedHex(16, "sg", account, region.name, vpcId, "hangar-web")}`,
    name: "hangar-web",
    description: "SSH, HTTP and HTTPS from anywhere",
    vpcId,
    ingress: [anywhere(22), anywhere(80), anywhere(443)],
    egress: [ALLOW_ALL_OUT],
    tags: new Map([["Name", "hangar-web"]]),
  });

  const privateVpc = network.add({ kind: "vpc", name: PRIVATE_VPC_NAME, cidr: "10.0.0.0/16" });
  region.zones.forEach((zone, index) => {
    const letter = zone.name.slice(region.name.length);
    network.add({ kind: "subnet", vpcId: privateVpc.id, zone: zone.name, cidr: `10.0.${index * 16}.0/20`, name: `${PRIVATE_VPC_NAME}-${letter}` });
  });
  const db = network.add({ kind: "securityGroup", vpcId: privateVpc.id, name: "hangar-db", description: "Postgres from inside the VPC" });
  db.ingress.push({ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrs: ["10.0.0.0/16"], groupIds: [] });
  network.putKeyPair(keyPairRecord(account, region.name, DEMO_KEY_PAIR, "ed25519"));
  return network;
}
