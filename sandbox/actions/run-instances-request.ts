// Parses and validates a RunInstances request in the order EC2 reports problems: missing
// parameters, counts, then image, type, architecture, placement and network
// (run-instances-network.ts) and user data.
import { AMI_ID_RE, findImage, type Image } from "../catalog/images";
import { findInstanceType, type InstanceTypeInfo } from "../catalog/instance-types";
import { Ec2Error, errors } from "../protocol/ec2-error";
import type { ActionContext } from "./context";
import { readLaunchNetwork, type LaunchNetwork } from "./run-instances-network";
import { instanceTagsFromSpecs } from "./tag-rules";

export const MAX_INSTANCES_PER_LAUNCH = 1000;
const MAX_USER_DATA_BYTES = 16 * 1024;

export interface LaunchRequest extends LaunchNetwork {
  image: Image;
  type: InstanceTypeInfo;
  minCount: number;
  maxCount: number;
  clientToken: string | undefined;
  tags: Map<string, string>;
}

function readCounts(ctx: ActionContext): { minCount: number; maxCount: number } {
  const { params } = ctx;
  if (!params.has("MaxCount")) throw errors.missing("MaxCount");
  if (!params.has("MinCount")) throw errors.missing("MinCount");
  const maxCount = params.int("MaxCount") ?? 0;
  const minCount = params.int("MinCount") ?? 0;
  if (maxCount < 1) throw errors.invalidValue("Maximum instance count must be greater than zero");
  if (minCount < 1) throw errors.invalidValue("Minimum instance count must be greater than zero");
  if (minCount > maxCount) {
    throw errors.invalidValue(
      `Minimum instance count (${minCount}) must be less than or equal to maximum instance count (${maxCount})`,
    );
  }
  if (minCount > MAX_INSTANCES_PER_LAUNCH) {
    throw new Ec2Error(
      "InstanceLimitExceeded",
      `You have requested more instances (${minCount}) than your current instance limit of ${MAX_INSTANCES_PER_LAUNCH} allows for the specified instance type.`,
    );
  }
  return { minCount, maxCount: Math.min(maxCount, MAX_INSTANCES_PER_LAUNCH) };
}

function readImageAndType(ctx: ActionContext): { image: Image; type: InstanceTypeInfo } {
  const imageId = ctx.params.required("ImageId");
  if (!AMI_ID_RE.test(imageId)) throw errors.amiMalformed(imageId);
  const image = findImage(ctx.region.name, imageId);
  if (image === undefined) throw errors.amiNotFound([imageId]);
  // EC2's default when InstanceType is omitted.
  const typeName = ctx.params.string("InstanceType") ?? "m1.small";
  const type = findInstanceType(typeName);
  if (type === undefined) throw errors.badValue("InstanceType", typeName);
  if (!type.architectures.includes(image.architecture)) {
    throw errors.invalidValue(
      `The architecture '${type.architectures.join(", ")}' of the specified instance type does not match the ` +
        `architecture '${image.architecture}' of the specified AMI. Specify an instance type and an AMI that have ` +
        "matching architectures, and try again. You can use 'describe-instance-types' or 'describe-images' to " +
        "discover the architecture of the instance type or AMI.",
    );
  }
  return { image, type };
}

function checkUserData(ctx: ActionContext): void {
  const userData = ctx.params.string("UserData");
  if (userData === undefined) return;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(userData) || userData.length % 4 === 1) {
    throw errors.invalidValue("Invalid BASE64 encoding of user data.");
  }
  if (Buffer.byteLength(userData, "base64") > MAX_USER_DATA_BYTES) {
    throw errors.invalidValue(`User data is limited to ${MAX_USER_DATA_BYTES} bytes`);
  }
}

export function readLaunchRequest(ctx: ActionContext): LaunchRequest {
  const { params } = ctx;
  if (params.has("LaunchTemplate")) {
    throw new Ec2Error("UnsupportedOperation", "The sandbox does not support launch templates.");
  }
  const counts = readCounts(ctx);
  const { image, type } = readImageAndType(ctx);
  const network = readLaunchNetwork(ctx, type);
  checkUserData(ctx);
  const clientToken = params.string("ClientToken");
  if (clientToken !== undefined && clientToken.length > 64) {
    throw errors.invalidValue("Client token must be 64 characters or less.");
  }
  const tags = instanceTagsFromSpecs(
    params.structs("TagSpecification").map((s) => ({ resourceType: s.string("ResourceType"), tags: s.tags("Tag") })),
  );
  return {
    image,
    type,
    ...counts,
    ...network,
    clientToken: clientToken === "" ? undefined : clientToken,
    tags,
  };
}
