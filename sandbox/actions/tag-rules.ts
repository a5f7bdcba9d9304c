// EC2's tag rules, shared by RunInstances (TagSpecification) and CreateTags.
import { Ec2Error, errors } from "../protocol/ec2-error";

export const MAX_TAGS_PER_RESOURCE = 50;

export interface TagInput {
  key: string;
  value: string | undefined;
}

export function validateTags(tags: readonly TagInput[]): void {
  const seen = new Set<string>();
  for (const { key, value } of tags) {
    if (key === "") throw errors.invalidValue("Tag key cannot be empty.");
    if (key.length > 128) throw errors.invalidValue(`Tag key exceeds the maximum length of 128 characters: ${key}`);
    if ((value ?? "").length > 256)
      throw errors.invalidValue(`Tag value exceeds the maximum length of 256 characters: ${key}`);
    if (key.toLowerCase().startsWith("aws:")) {
      throw errors.invalidValue("Tag keys starting with 'aws:' are reserved for internal use");
    }
    if (seen.has(key)) throw errors.invalidValue(`Duplicate tag key '${key}' specified.`);
    seen.add(key);
  }
}

export function tagLimitExceeded(): Ec2Error {
  return new Ec2Error(
    "TagLimitExceeded",
    `The maximum number of tags for a resource is ${MAX_TAGS_PER_RESOURCE}. Remove some tags and try again.`,
  );
}

// Resource types RunInstances accepts in TagSpecification. Only `instance` tags are kept: the
// sandbox does not model volumes or network interfaces as separately taggable resources.
const launchTaggable = new Set(["instance", "volume", "network-interface", "spot-instances-request", "elastic-gpu"]);

/** Reads TagSpecification.N for RunInstances and returns the instance tags. */
export function instanceTagsFromSpecs(
  specs: { resourceType: string | undefined; tags: TagInput[] }[],
): Map<string, string> {
  const instanceTags = new Map<string, string>();
  const types = new Set<string>();
  for (const spec of specs) {
    if (spec.resourceType === undefined || spec.resourceType === "")
      throw errors.missing("TagSpecification.ResourceType");
    if (!launchTaggable.has(spec.resourceType)) {
      throw errors.invalidValue(`'${spec.resourceType}' is not a valid taggable resource type for this operation.`);
    }
    if (types.has(spec.resourceType)) {
      throw errors.invalidValue(`The same resource type may not be specified more than once in tag specifications`);
    }
    types.add(spec.resourceType);
    validateTags(spec.tags);
    if (spec.tags.length > MAX_TAGS_PER_RESOURCE) throw tagLimitExceeded();
    if (spec.resourceType === "instance") for (const t of spec.tags) instanceTags.set(t.key, t.value ?? "");
  }
  return instanceTags;
}
