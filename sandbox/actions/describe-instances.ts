// DescribeInstances. Pages are cut by instances (exactly MaxResults per page) and then grouped
// into reservations, as EC2 does; NextToken is the launch sequence of the last instance returned.
import { isVisible, type InstanceRecord } from "../engine/instance";
import { errors } from "../protocol/ec2-error";
import { compileFilters } from "../protocol/filters";
import { decodeNextToken, encodeNextToken, readMaxResults } from "../protocol/pagination";
import { el } from "../protocol/xml";
import { reservationSetXml } from "../render/instance-xml";
import { endOfValidation, resolveInstanceIds, type ActionContext } from "./context";
import { instanceFilterResolver, narrowCandidates } from "./instance-filters";

const TOKEN_KIND = "DescribeInstances";

export interface InstancePage {
  instances: InstanceRecord[];
  nextToken: string | undefined;
}

/** Shared by DescribeInstances and DescribeInstanceStatus (which adds its own default filter). */
export function selectInstances(
  ctx: ActionContext,
  options: {
    tokenKind: string;
    maxResults: { min: number; max: number };
    resolver: ReturnType<typeof instanceFilterResolver>;
    extraMatch?: (instance: InstanceRecord) => boolean;
  },
): InstancePage {
  const { params, partition, now } = ctx;
  const retentionMs = ctx.config.retention.terminatedVisibleMs;
  const ids = params.list("InstanceId");
  const maxResults = readMaxResults(params, options.maxResults.min, options.maxResults.max);
  if (ids.length > 0 && maxResults !== undefined) {
    throw errors.combination("The parameter instancesSet cannot be used with the parameter maxResults");
  }
  const filters = params.filters();
  const matchFilters = compileFilters(filters, options.resolver);
  const match = (i: InstanceRecord): boolean => matchFilters(i) && (options.extraMatch?.(i) ?? true);
  const after = decodeNextToken(options.tokenKind, params.string("NextToken")) ?? 0;
  endOfValidation(ctx);

  if (ids.length > 0) {
    const found = resolveInstanceIds(ctx, ids).sort((a, b) => a.seq - b.seq);
    return { instances: found.filter(match), nextToken: undefined };
  }

  const limit = maxResults ?? Number.POSITIVE_INFINITY;
  const narrowed = narrowCandidates(partition, filters, now, retentionMs);
  const source = narrowed ?? partition.ordered;
  const start = narrowed === undefined ? partition.indexAfter(after) : 0;
  const page: InstanceRecord[] = [];
  let more = false;
  for (let i = start; i < source.length; i++) {
    const instance = source[i] as InstanceRecord;
    if (instance.seq <= after || !isVisible(instance, now, retentionMs) || !match(instance)) continue;
    if (page.length >= limit) {
      more = true;
      break;
    }
    page.push(instance);
  }
  const last = page[page.length - 1];
  return {
    instances: page,
    nextToken: more && last !== undefined ? encodeNextToken(options.tokenKind, last.seq) : undefined,
  };
}

export function describeInstances(ctx: ActionContext): string {
  const page = selectInstances(ctx, {
    tokenKind: TOKEN_KIND,
    maxResults: { min: 5, max: 1000 },
    resolver: instanceFilterResolver(ctx.partition, ctx.now),
  });
  return reservationSetXml(page.instances, ctx.partition, ctx.now) + el("nextToken", page.nextToken);
}
