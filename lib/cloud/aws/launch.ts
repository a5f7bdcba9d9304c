// One RunInstances per launch: MinCount = MaxCount so it is all or nothing, tags applied on
// create (a separate CreateTags could fail and leave untagged orphans no reconciler finds),
// and the caller's ClientToken so a repeat after a lost response returns the same instances.
import {
  RunInstancesCommand,
  type EC2Client,
  type InstanceNetworkInterfaceSpecification,
  type RunInstancesCommandInput,
} from "@aws-sdk/client-ec2";
import type { LaunchRequest, LaunchResult } from "../provider";
import type { Call } from "./call";
import { recordToTags, toCloudInstance } from "./to-cloud-instance";

export function runInstancesInput(request: LaunchRequest): RunInstancesCommandInput {
  const tags = recordToTags(request.tags);
  const input: RunInstancesCommandInput = {
    ClientToken: request.clientToken,
    ImageId: request.imageId,
    InstanceType: request.instanceType as RunInstancesCommandInput["InstanceType"],
    MinCount: request.count,
    MaxCount: request.count,
  };
  // EC2 rejects a TagSpecification with no tags.
  if (tags.length > 0) {
    input.TagSpecifications = [
      { ResourceType: "instance", Tags: tags },
      { ResourceType: "volume", Tags: tags },
    ];
  }
  if (request.userData !== undefined) input.UserData = Buffer.from(request.userData, "utf8").toString("base64");
  if (request.availabilityZone) input.Placement = { AvailabilityZone: request.availabilityZone };
  if (request.associatePublicIp === undefined) {
    if (request.subnetId) input.SubnetId = request.subnetId;
    if (request.securityGroupIds?.length) input.SecurityGroupIds = request.securityGroupIds;
  } else {
    // EC2 takes AssociatePublicIpAddress only on a network interface, and refuses an interface
    // next to an instance-level subnet or groups: they move onto the primary interface.
    const primary: InstanceNetworkInterfaceSpecification = { DeviceIndex: 0, AssociatePublicIpAddress: request.associatePublicIp };
    if (request.subnetId) primary.SubnetId = request.subnetId;
    if (request.securityGroupIds?.length) primary.Groups = request.securityGroupIds;
    input.NetworkInterfaces = [primary];
  }
  if (request.keyName) input.KeyName = request.keyName;
  return input;
}

export async function launchInstances(client: EC2Client, call: Call, request: LaunchRequest): Promise<LaunchResult> {
  const output = await call("RunInstances", () => client.send(new RunInstancesCommand(runInstancesInput(request))));
  const result: LaunchResult = { instances: (output.Instances ?? []).map(toCloudInstance) };
  if (output.ReservationId) result.reservationId = output.ReservationId;
  return result;
}
