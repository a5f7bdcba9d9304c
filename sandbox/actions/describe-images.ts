// DescribeImages over the sandbox's public image catalog, with Owner.N (account ids, `self`,
// `amazon`), ImageId.N, the common filters, IncludeDeprecated and MaxResults/NextToken.
import { AMI_ID_RE, imagesIn, type Image } from "../catalog/images";
import { Ec2Error, errors } from "../protocol/ec2-error";
import { compileFilters, type FieldReader } from "../protocol/filters";
import { decodeNextToken, encodeNextToken, readMaxResults } from "../protocol/pagination";
import { el, itemSet, node } from "../protocol/xml";
import { endOfValidation, type ActionContext } from "./context";

const readers: Record<string, FieldReader<Image>> = {
  name: (i) => i.name,
  description: (i) => i.description,
  architecture: (i) => i.architecture,
  "image-id": (i) => i.id,
  "owner-id": (i) => i.ownerId,
  "owner-alias": (i) => i.ownerAlias,
  state: () => "available",
  "is-public": () => "true",
  "image-type": () => "machine",
  "root-device-type": () => "ebs",
  "root-device-name": (i) => i.rootDeviceName,
  "virtualization-type": () => "hvm",
  hypervisor: () => "xen",
  "platform-details": () => "Linux/UNIX",
  "creation-date": (i) => i.creationDate,
};

function ownerMatcher(ctx: ActionContext, owners: string[]): (image: Image) => boolean {
  for (const owner of owners) {
    if (!/^(\d{12}|self|amazon|aws-marketplace|aws-backup-vault)$/.test(owner)) {
      throw new Ec2Error("InvalidUserID.Malformed", `Invalid user id: "${owner}"`);
    }
  }
  if (owners.length === 0) return () => true;
  return (image) =>
    owners.some(
      (o) =>
        o === image.ownerId ||
        (o === "amazon" && image.ownerAlias === "amazon") ||
        (o === "self" && image.ownerId === ctx.partition.ownerId),
    );
}

function imageXml(i: Image): string {
  return (
    el("imageId", i.id) +
    el("imageLocation", i.imageLocation) +
    el("imageState", "available") +
    el("imageOwnerId", i.ownerId) +
    el("creationDate", i.creationDate) +
    el("isPublic", true) +
    el("architecture", i.architecture) +
    el("imageType", "machine") +
    el("platformDetails", "Linux/UNIX") +
    el("usageOperation", "RunInstances") +
    el("imageOwnerAlias", i.ownerAlias) +
    el("name", i.name) +
    el("description", i.description) +
    el("rootDeviceType", "ebs") +
    el("rootDeviceName", i.rootDeviceName) +
    itemSet(
      "blockDeviceMapping",
      [0],
      () =>
        el("deviceName", i.rootDeviceName) +
        node(
          "ebs",
          el("snapshotId", i.snapshotId) +
            el("volumeSize", i.volumeSizeGiB) +
            el("deleteOnTermination", true) +
            el("volumeType", "gp3") +
            el("iops", 3000) +
            el("throughput", 125) +
            el("encrypted", false),
        ),
    ) +
    el("virtualizationType", "hvm") +
    el("hypervisor", "xen") +
    el("enaSupport", true) +
    el("sriovNetSupport", "simple") +
    el("bootMode", i.bootMode) +
    el("imdsSupport", i.ownerAlias === "amazon" ? "v2.0" : undefined) +
    el("deprecationTime", i.deprecationTime)
  );
}

export function describeImages(ctx: ActionContext): string {
  const { params } = ctx;
  const ids = params.list("ImageId");
  for (const id of ids) if (!AMI_ID_RE.test(id)) throw errors.amiMalformed(id);
  const maxResults = readMaxResults(params, 5, 1000);
  if (ids.length > 0 && maxResults !== undefined) {
    throw errors.combination("The parameter imagesSet cannot be used with the parameter maxResults");
  }
  const ownerOk = ownerMatcher(ctx, params.list("Owner"));
  params.list("ExecutableBy");
  const match = compileFilters(params.filters(), (name) => (name.startsWith("tag:") ? () => undefined : readers[name]));
  const includeDeprecated = params.bool("IncludeDeprecated");
  const offset = decodeNextToken("DescribeImages", params.string("NextToken")) ?? 0;
  endOfValidation(ctx);

  const catalog = imagesIn(ctx.region.name);
  let images: Image[];
  if (ids.length > 0) {
    const missing = ids.filter((id) => !catalog.some((i) => i.id === id));
    if (missing.length > 0) throw errors.amiNotFound(missing);
    images = catalog.filter((i) => ids.includes(i.id));
  } else {
    const nowIso = new Date(ctx.now).toISOString();
    images = catalog.filter((i) => includeDeprecated || i.deprecationTime > nowIso);
  }
  images = images.filter((i) => ownerOk(i) && match(i));
  const limit = maxResults ?? images.length;
  const page = images.slice(offset, offset + limit);
  const nextToken = offset + limit < images.length ? encodeNextToken("DescribeImages", offset + limit) : undefined;
  return itemSet("imagesSet", page, imageXml) + el("nextToken", nextToken);
}
