// CreateTags and DeleteTags for instances and Elastic IPs (the taggable resources the sandbox
// keeps state for through these calls).
import { Ec2Error, errors } from "../protocol/ec2-error";
import { endOfValidation, resolveInstanceIds, type ActionContext } from "./context";
import { MAX_TAGS_PER_RESOURCE, tagLimitExceeded, validateTags } from "./tag-rules";

interface Taggable {
  tags: Map<string, string>;
}

function resolveResources(ctx: ActionContext): Taggable[] {
  const ids = ctx.params.list("ResourceId");
  if (ids.length === 0) throw errors.missing("ResourceId");
  const unsupported = ids.filter((id) => !id.startsWith("i-") && !id.startsWith("eipalloc-"));
  if (unsupported.length > 0) throw new Ec2Error("InvalidID", `The ID '${unsupported[0] ?? ""}' is not valid`);
  const allocationIds = ids.filter((id) => id.startsWith("eipalloc-"));
  const missing = allocationIds.filter((id) => !ctx.partition.addresses.has(id));
  if (missing.length > 0) throw errors.allocationNotFound(missing);
  const addresses = allocationIds.flatMap((id) => ctx.partition.addresses.get(id) ?? []);
  return [...resolveInstanceIds(ctx, ids.filter((id) => id.startsWith("i-"))), ...addresses];
}

export function createTags(ctx: ActionContext): string {
  const resources = resolveResources(ctx);
  const tags = ctx.params.tags("Tag");
  if (tags.length === 0) throw errors.missing("Tag");
  validateTags(tags);
  for (const resource of resources) {
    const added = tags.filter((t) => !resource.tags.has(t.key)).length;
    if (resource.tags.size + added > MAX_TAGS_PER_RESOURCE) throw tagLimitExceeded();
  }
  endOfValidation(ctx);
  for (const resource of resources) for (const t of tags) resource.tags.set(t.key, t.value ?? "");
  ctx.state.changed();
  return "<return>true</return>";
}

export function deleteTags(ctx: ActionContext): string {
  const resources = resolveResources(ctx);
  const tags = ctx.params.tags("Tag");
  endOfValidation(ctx);
  for (const resource of resources) {
    if (tags.length === 0) {
      // EC2: no Tag parameter deletes every (user) tag of the resource.
      resource.tags.clear();
      continue;
    }
    for (const { key, value } of tags) {
      if (value === undefined || resource.tags.get(key) === value) resource.tags.delete(key);
    }
  }
  ctx.state.changed();
  return "<return>true</return>";
}
