// The one interface every cloud provider implements. Steps, the poller and the UI talk to
// clouds only through it; `aws` (lib/cloud/aws) implements it with @aws-sdk/client-ec2 and
// serves both real AWS and EC2-compatible endpoints such as the sandbox.

export const INSTANCE_STATES = [
  "pending",
  "running",
  "stopping",
  "stopped",
  "shutting-down",
  "terminated",
] as const;
export type InstanceState = (typeof INSTANCE_STATES)[number];

/** Tags Hangar puts on every resource it creates. */
export const HANGAR_TAGS = {
  environment: "hangar:env",
  run: "hangar:run",
  managedBy: "hangar:managed-by",
  group: "hangar:group",
} as const;

export interface LaunchRequest {
  /** Idempotency token (EC2 ClientToken), stored in Postgres before the call. */
  clientToken: string;
  imageId: string;
  instanceType: string;
  /** Launches exactly this many (MinCount = MaxCount). */
  count: number;
  availabilityZone?: string;
  subnetId?: string;
  securityGroupIds?: string[];
  keyName?: string;
  /**
   * Whether the instances get a public IPv4 address. Unset: the subnet's setting decides. Set
   * (either way): sent on the primary network interface, the only place EC2 accepts it.
   */
  associatePublicIp?: boolean;
  /** Plain text; the provider encodes it. Never put secrets here. */
  userData?: string;
  /** Applied atomically on create (TagSpecifications), never by a separate call. */
  tags: Record<string, string>;
}

export interface CloudInstance {
  id: string;
  state: InstanceState;
  instanceType: string;
  imageId: string;
  availabilityZone?: string;
  privateIp?: string;
  publicIp?: string;
  privateDns?: string;
  publicDns?: string;
  launchTime?: Date;
  clientToken?: string;
  stateReason?: string;
  tags: Record<string, string>;
}

export interface LaunchResult {
  reservationId?: string;
  instances: CloudInstance[];
}

export type DescribeQuery =
  /**
   * Missing ids are simply absent from the answer (eventual consistency or gone). With
   * `exceptStates`, instances in those states are left out too: a poller asking only for what
   * changed reads a handful of instances instead of every pending one.
   */
  | { ids: string[]; exceptStates?: InstanceState[] }
  | { tags: Record<string, string>; states?: InstanceState[] };

export interface StateChange {
  id: string;
  /** Absent when the cloud did not know the id (already gone, or not visible yet). */
  previousState?: InstanceState;
  currentState: InstanceState;
}

export interface CloudImage {
  id: string;
  name: string;
  description?: string;
  architecture: string;
  ownerId: string;
  createdAt?: Date;
}

export interface InstanceTypeInfo {
  type: string;
  vcpus: number;
  memoryMiB: number;
  architectures: string[];
  currentGeneration: boolean;
  burstable: boolean;
  gpus: number;
}

export interface InstanceTypeQuery {
  /** Exactly these types (unknown names are left out). */
  types?: string[];
  /** Only these families (t3, m6i); ignored when `types` is given. */
  families?: string[];
  architecture?: string;
  currentGeneration?: boolean;
}

export interface AvailabilityZone {
  name: string;
  id?: string;
  state: string;
}

/** Network choices for forms; `name` is the resource's Name tag where it has one. */
export interface CloudVpc {
  id: string;
  name?: string;
  cidr: string;
  isDefault: boolean;
}

export interface CloudSubnet {
  id: string;
  name?: string;
  vpcId: string;
  cidr: string;
  zone: string;
  /** The default subnet of its zone (in the default VPC). */
  isDefault: boolean;
  /** Instances launched here get a public IPv4 address unless the launch says otherwise. */
  mapPublicIp: boolean;
  availableIps?: number;
}

export interface CloudSecurityGroup {
  id: string;
  /** The group's own name (unique in its VPC). */
  name: string;
  description?: string;
  vpcId?: string;
}

export interface CloudKeyPair {
  name: string;
  id?: string;
  type?: string;
  fingerprint?: string;
}

/** An Elastic IP: a stable public address that can move between instances. */
export interface CloudAddress {
  allocationId: string;
  publicIp: string;
  /** Set while associated. */
  associationId?: string;
  instanceId?: string;
  privateIp?: string;
  tags: Record<string, string>;
}

/** Every field narrows (AND); ids the cloud does not know are simply absent from the answer. */
export interface AddressQuery {
  allocationIds?: string[];
  instanceIds?: string[];
  tags?: Record<string, string>;
}

/** EC2's status check values (DescribeInstanceStatus). */
export type HealthCheckStatus = "ok" | "impaired" | "initializing" | "insufficient-data" | "not-applicable";

export interface InstanceHealth {
  id: string;
  state: InstanceState;
  systemStatus: HealthCheckStatus;
  instanceStatus: HealthCheckStatus;
}

/** Where an HTTP health check is sent on an instance. */
export interface HttpCheckTarget {
  port: number;
  /** Starts with "/"; may carry a query string. */
  path: string;
}

export interface HourlyPrice {
  instanceType: string;
  region: string;
  usdPerHour: number;
  /** Date of the price snapshot the figure comes from. */
  asOf: string;
  /** True when the region's figure was derived from us-east-1 by a regional factor. */
  derived: boolean;
}

export interface ConnectionTestResult {
  ok: boolean;
  message: string;
  latencyMs: number;
}

export interface CloudProvider {
  readonly kind: "aws" | "sandbox";
  readonly region: string;
  /**
   * Reserves one request of `action` from the account's request budget; returns the ms until
   * it may be sent. A launch made with `prepaid: true` then spends that reservation instead of
   * waiting for a token (so a worker can park a job rather than sleep through a long wait).
   * `key` names what the request pays for: reserving the same key again returns the same slot.
   */
  reserveRequest(action: string, key?: string): Promise<number>;
  launch(request: LaunchRequest, options?: { prepaid?: boolean }): Promise<LaunchResult>;
  describeInstances(query: DescribeQuery): Promise<CloudInstance[]>;
  stop(ids: string[]): Promise<StateChange[]>;
  start(ids: string[]): Promise<StateChange[]>;
  /** Idempotent: ids the cloud no longer knows are reported as terminated. */
  terminate(ids: string[]): Promise<StateChange[]>;
  tag(ids: string[], tags: Record<string, string>): Promise<void>;
  listImages(query?: { owners?: string[]; namePattern?: string; architecture?: string }): Promise<CloudImage[]>;
  listInstanceTypes(query?: InstanceTypeQuery): Promise<InstanceTypeInfo[]>;
  listRegions(): Promise<string[]>;
  listZones(): Promise<AvailabilityZone[]>;
  listVpcs(): Promise<CloudVpc[]>;
  listSubnets(query?: { vpcId?: string; zone?: string }): Promise<CloudSubnet[]>;
  listSecurityGroups(query?: { vpcId?: string }): Promise<CloudSecurityGroup[]>;
  listKeyPairs(): Promise<CloudKeyPair[]>;
  /** Instance type names offered in the region, or in one zone of it (not every zone has every type). */
  listInstanceTypeOfferings(query?: { zone?: string; families?: string[] }): Promise<string[]>;
  /** Allocates an Elastic IP (no idempotency token on EC2: tag it and look it up before retrying). */
  allocateAddress(request?: { tags?: Record<string, string> }): Promise<CloudAddress>;
  /**
   * Puts the address on the instance (running or stopped) and returns the association id. With
   * `allowReassociation` it moves from another instance; associating where it already is returns
   * the existing association.
   */
  associateAddress(request: { allocationId: string; instanceId: string; allowReassociation?: boolean }): Promise<{ associationId: string }>;
  /** Idempotent: an association that no longer exists counts as done. */
  disassociateAddress(associationId: string): Promise<void>;
  describeAddresses(query?: AddressQuery): Promise<CloudAddress[]>;
  /** Idempotent: an allocation that no longer exists counts as released. Refused while associated. */
  releaseAddress(allocationId: string): Promise<void>;
  /** Status checks of many instances in few calls (any state); ids the cloud does not know are absent. */
  describeInstanceStatus(ids: string[]): Promise<InstanceHealth[]>;
  /**
   * The URL an HTTP health check of this instance is sent to: the sandbox serves every instance's
   * HTTP itself; on AWS it is the instance's public (else private) address. Undefined when the
   * instance has no address to reach.
   */
  healthCheckUrl(instance: Pick<CloudInstance, "id" | "publicIp" | "privateIp">, target: HttpCheckTarget): string | undefined;
  priceOf(instanceType: string, region?: string): HourlyPrice | null;
  /** A cheap read that proves credentials, endpoint and region work. */
  testConnection(): Promise<ConnectionTestResult>;
}
