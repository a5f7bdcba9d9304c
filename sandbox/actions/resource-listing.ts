// The shape every network Describe action shares: optional explicit ids (all must exist, or one
// NotFound naming the missing ones), filters (including tag filters), MaxResults/NextToken pages
// over a stable order, and DryRun once the request is known to be valid.
import type { Ec2Error } from "../protocol/ec2-error";
import { compileFilters, type FieldReader, type FilterResolver } from "../protocol/filters";
import { decodeNextToken, encodeNextToken, readMaxResults } from "../protocol/pagination";
import { endOfValidation, type ActionContext } from "./context";

export interface ResourcePage<T> {
  items: T[];
  nextToken: string | undefined;
}

export interface ListingOptions<T> {
  /** Every resource, in the order pages are cut. */
  all: readonly T[];
  /** Explicit lookups, e.g. `SubnetId.N`; each matcher says whether a value names the item. */
  lookups: { param: string; matches: (item: T, value: string) => boolean; notFound: (missing: string[]) => Ec2Error }[];
  filters: Record<string, FieldReader<T>>;
  tags: (item: T) => ReadonlyMap<string, string>;
  /** Token kind and MaxResults range; undefined when EC2 does not paginate the action. */
  paging: { kind: string; min: number; max: number; defaultPage?: number } | undefined;
}

/** tag:<key>, tag-key and tag-value, as every EC2 Describe action accepts them. */
export function withTagFilters<T>(fixed: Record<string, FieldReader<T>>, tags: (item: T) => ReadonlyMap<string, string>): FilterResolver<T> {
  return (name) => {
    if (name.startsWith("tag:") && name.length > 4) {
      const key = name.slice(4);
      return (item) => tags(item).get(key);
    }
    if (name === "tag-key") return (item) => [...tags(item).keys()];
    if (name === "tag-value") return (item) => [...tags(item).values()];
    return Object.hasOwn(fixed, name) ? fixed[name] : undefined;
  };
}

export function listResources<T>(ctx: ActionContext, options: ListingOptions<T>): ResourcePage<T> {
  const { params } = ctx;
  const lookups = options.lookups.map((lookup) => ({ ...lookup, values: params.list(lookup.param) }));
  const match = compileFilters(params.filters(), withTagFilters(options.filters, options.tags));
  const paging = options.paging;
  const maxResults = paging === undefined ? undefined : readMaxResults(params, paging.min, paging.max);
  const offset = paging === undefined ? 0 : (decodeNextToken(paging.kind, params.string("NextToken")) ?? 0);
  for (const lookup of lookups) {
    const missing = lookup.values.filter((value) => !options.all.some((item) => lookup.matches(item, value)));
    if (missing.length > 0) throw lookup.notFound([...new Set(missing)]);
  }
  endOfValidation(ctx);

  const named = (item: T): boolean =>
    lookups.every((lookup) => lookup.values.length === 0 || lookup.values.some((value) => lookup.matches(item, value)));
  const matching = options.all.filter((item) => named(item) && match(item));
  const limit = maxResults ?? paging?.defaultPage ?? matching.length;
  const items = matching.slice(offset, offset + limit);
  const more = paging !== undefined && offset + limit < matching.length;
  return { items, nextToken: more && paging !== undefined ? encodeNextToken(paging.kind, offset + limit) : undefined };
}
