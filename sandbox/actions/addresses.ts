// AllocateAddress, AssociateAddress, DisassociateAddress and ReleaseAddress (VPC Elastic IPs).
// Each validates fully before changing anything; EC2's codes: InvalidAllocationID.NotFound,
// InvalidAssociationID.NotFound, Resource.AlreadyAssociated, InvalidIPAddress.InUse and
// IncorrectInstanceState (only running or stopped instances take an address).
import { associate, disassociate, type AddressRecord } from "../engine/addresses";
import { stateAt, type InstanceRecord } from "../engine/instance";
import { resourceId } from "../engine/random";
import { Ec2Error, errors } from "../protocol/ec2-error";
import { el } from "../protocol/xml";
import { allocatedXml } from "../render/address-xml";
import { endOfValidation, resolveInstanceIds, type ActionContext } from "./context";
import { MAX_TAGS_PER_RESOURCE, tagLimitExceeded, validateTags } from "./tag-rules";

const TRUE = "<return>true</return>";

function addressTags(ctx: ActionContext): Map<string, string> {
  const tags = new Map<string, string>();
  for (const spec of ctx.params.structs("TagSpecification")) {
    const type = spec.string("ResourceType");
    if (type === undefined || type === "") throw errors.missing("TagSpecification.ResourceType");
    if (type !== "elastic-ip") {
      throw errors.invalidValue(`'${type}' is not a valid taggable resource type for this operation.`);
    }
    const list = spec.tags("Tag");
    validateTags(list);
    if (list.length > MAX_TAGS_PER_RESOURCE) throw tagLimitExceeded();
    for (const t of list) tags.set(t.key, t.value ?? "");
  }
  return tags;
}

/** The address named by AllocationId, or by PublicIp when no allocation id is given. */
function findAddress(ctx: ActionContext): AddressRecord {
  const { addresses } = ctx.partition;
  const allocationId = ctx.params.string("AllocationId");
  if (allocationId !== undefined && allocationId !== "") {
    const address = addresses.get(allocationId);
    if (address === undefined) throw errors.allocationNotFound([allocationId]);
    return address;
  }
  const publicIp = ctx.params.string("PublicIp");
  if (publicIp === undefined || publicIp === "") throw errors.missing("AllocationId");
  const address = [...addresses.values()].find((a) => a.publicIp === publicIp);
  if (address === undefined) throw errors.addressNotFound([publicIp]);
  return address;
}

function findInstance(ctx: ActionContext): InstanceRecord {
  const instanceId = ctx.params.string("InstanceId");
  if (instanceId !== undefined && instanceId !== "") return resolveInstanceIds(ctx, [instanceId])[0] as InstanceRecord;
  const eni = ctx.params.string("NetworkInterfaceId");
  if (eni === undefined || eni === "") throw errors.missing("InstanceId");
  const instance = [...ctx.partition.byId.values()].find(
    (i) => i.networkInterfaceId === eni && stateAt(i, ctx.now) !== "terminated",
  );
  if (instance === undefined) {
    throw new Ec2Error("InvalidNetworkInterfaceID.NotFound", `The networkInterface ID '${eni}' does not exist`);
  }
  return instance;
}

export function allocateAddress(ctx: ActionContext): string {
  const domain = ctx.params.string("Domain");
  if (domain !== undefined && domain !== "vpc") throw errors.badValue("Domain", domain);
  const tags = addressTags(ctx);
  endOfValidation(ctx);
  const { partition, random } = ctx;
  let allocationId = resourceId(random, "eipalloc");
  while (partition.addresses.has(allocationId)) allocationId = resourceId(random, "eipalloc");
  const address: AddressRecord = {
    allocationId,
    publicIp: partition.ips.allocatePublic(random, ctx.region.publicIpPrefixes),
    tags,
    allocatedAt: ctx.now,
    associationId: null,
    instanceId: null,
  };
  partition.addresses.set(allocationId, address);
  ctx.state.changed();
  return allocatedXml(address, partition);
}

export function associateAddress(ctx: ActionContext): string {
  const address = findAddress(ctx);
  const instance = findInstance(ctx);
  const allowReassociation = ctx.params.bool("AllowReassociation");
  const privateIp = ctx.params.string("PrivateIpAddress");
  if (privateIp !== undefined && privateIp !== instance.privateIp) {
    throw errors.invalidValue(`The specified private IP address '${privateIp}' is not assigned to the instance.`);
  }
  const state = stateAt(instance, ctx.now);
  if (state !== "running" && state !== "stopped") {
    throw new Ec2Error("IncorrectInstanceState", `The instance '${instance.id}' is not in a valid state for this operation.`);
  }
  const elsewhere = address.instanceId !== null && address.instanceId !== instance.id;
  if (elsewhere && !allowReassociation) {
    throw new Ec2Error(
      "Resource.AlreadyAssociated",
      `resource ${address.allocationId} is already associated with associate-id ${address.associationId ?? ""}`,
    );
  }
  endOfValidation(ctx);
  const scope = ctx.partition.addressScope(ctx.random, ctx.now);
  const associationId = associate(scope, address, instance, resourceId(ctx.random, "eipassoc"));
  ctx.state.changed();
  return TRUE + el("associationId", associationId);
}

export function disassociateAddress(ctx: ActionContext): string {
  const associationId = ctx.params.string("AssociationId");
  const publicIp = ctx.params.string("PublicIp");
  let address: AddressRecord | undefined;
  if (associationId !== undefined && associationId !== "") {
    address = [...ctx.partition.addresses.values()].find((a) => a.associationId === associationId);
    if (address === undefined) throw errors.associationNotFound(associationId);
  } else if (publicIp !== undefined && publicIp !== "") {
    address = [...ctx.partition.addresses.values()].find((a) => a.publicIp === publicIp);
    if (address === undefined) throw errors.addressNotFound([publicIp]);
  } else {
    throw errors.missing("AssociationId");
  }
  endOfValidation(ctx);
  // Disassociating an address that is not associated succeeds, as on EC2 (given by public IP).
  if (address.instanceId !== null) disassociate(ctx.partition.addressScope(ctx.random, ctx.now), address);
  ctx.state.changed();
  return TRUE;
}

export function releaseAddress(ctx: ActionContext): string {
  const address = findAddress(ctx);
  ctx.params.string("NetworkBorderGroup");
  if (address.associationId !== null) {
    throw new Ec2Error("InvalidIPAddress.InUse", `Address ${address.allocationId} is in use.`);
  }
  endOfValidation(ctx);
  ctx.partition.addresses.delete(address.allocationId);
  ctx.partition.ips.releasePublic(address.publicIp);
  ctx.state.changed();
  return TRUE;
}
