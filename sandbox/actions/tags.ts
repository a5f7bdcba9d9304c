// CreateTags and DeleteTags for instances (the only taggable resource the sandbox models).
import { Ec2Error, errors } from "../protocol/ec2-error";
import type { InstanceRecord } from "../engine/instance";
import { endOfValidation, resolveInstanceIds, type ActionContext } from "./context";
import { MAX_TAGS_PER_RESOURCE, tagLimitExceeded, validateTags } from "./tag-rules";

function resolveResources(ctx: ActionContext): InstanceRecord[] {
  const ids = ctx.params.list("ResourceId");
  if (ids.length === 0) throw errors.missing("ResourceId");
  const notInstances = ids.filter((id) => !id.startsWith("i-"));
  if (notInstances.length > 0) throw new Ec2Error("InvalidID", `The ID '${notInstances[0] ?? ""}' is not valid`);
  return resolveInstanceIds(ctx, ids);
}

export function createTags(ctx: ActionContext): string {
  const instances = resolveResources(ctx);
  const tags = ctx.params.tags("Tag");
  if (tags.length === 0) throw errors.missing("Tag");
  validateTags(tags);
  for (const instance of instances) {
    const added = tags.filter((t) => !instance.tags.has(t.key)).length;
    if (instance.tags.size + added > MAX_TAGS_PER_RESOURCE) throw tagLimitExceeded();
  }
  endOfValidation(ctx);
  for (const instance of instances) for (const t of tags) instance.tags.set(t.key, t.value ?? "");
  ctx.state.changed();
  return "<return>true</return>";
}

export function deleteTags(ctx: ActionContext): string {
  const instances = resolveResources(ctx);
  const tags = ctx.params.tags("Tag");
  endOfValidation(ctx);
  for (const instance of instances) {
    if (tags.length === 0) {
      // EC2: no Tag parameter deletes every (user) tag of the resource.
      instance.tags.clear();
      continue;
    }
    for (const { key, value } of tags) {
      if (value === undefined || instance.tags.get(key) === value) instance.tags.delete(key);
    }
  }
  ctx.state.changed();
  return "<return>true</return>";
}
