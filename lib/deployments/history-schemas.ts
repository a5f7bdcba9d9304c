// Query shapes for deploy history: the same filters serve the list (keyset pages), the export
// and the /deployments page, so a URL filtered on the page exports exactly what it shows.
import { z } from "zod";
import { keysetQueryFields } from "../pagination/keyset";

export const DEPLOYMENT_STATES = ["awaiting_confirmation", "queued", "running", "succeeded", "failed", "rolled_back", "canceled"] as const;
export type DeploymentState = (typeof DEPLOYMENT_STATES)[number];

const reference = z.string().trim().min(1).max(200, "must be at most 200 characters");

/** "2026-12-01" (a whole day) or a full ISO 8601 time with an offset. */
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const moment = z
  .string()
  .trim()
  .refine((text) => (DAY.test(text) || z.iso.datetime({ offset: true }).safeParse(text).success) && !Number.isNaN(Date.parse(text)), {
    message: "must be a date (2026-12-01) or an ISO 8601 time (2026-12-01T09:30:00Z)",
  });

/** `result=failed,rolled_back`: one state or a comma list of them. */
const result = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .transform((text, ctx) => {
    const states = [...new Set(text.split(",").map((part) => part.trim()).filter(Boolean))];
    const unknown = states.filter((state) => !(DEPLOYMENT_STATES as readonly string[]).includes(state));
    if (unknown.length > 0) {
      ctx.addIssue({ code: "custom", message: `${unknown.join(", ")} is not a deployment state; use ${DEPLOYMENT_STATES.join(", ")}` });
      return z.NEVER;
    }
    return states as DeploymentState[];
  });

const filterFields = {
  /** Service id or name. */
  service: reference.optional(),
  /** Environment id or name. */
  environment: reference.optional(),
  /** Release version. */
  release: reference.optional(),
  /** Who asked for it: email or user id. */
  person: reference.optional(),
  result: result.optional(),
  /** createdAt on or after; a date means from its start (UTC). */
  from: moment.optional(),
  /** createdAt on or before; a date means through its end (UTC). */
  to: moment.optional(),
  /** Part of a release version, service name, environment name or requester email. */
  q: z.string().trim().max(100, "must be at most 100 characters").optional(),
};

/** The createdAt range the filters name: `to` as a date includes that whole day. */
export function createdAtRange(filters: { from?: string | undefined; to?: string | undefined }): { gte?: Date; lt?: Date; lte?: Date } {
  const range: { gte?: Date; lt?: Date; lte?: Date } = {};
  if (filters.from) range.gte = new Date(filters.from);
  if (filters.to) {
    if (DAY.test(filters.to)) range.lt = new Date(Date.parse(filters.to) + 86_400_000);
    else range.lte = new Date(filters.to);
  }
  return range;
}

function checkRange(value: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) {
  const range = createdAtRange(value);
  const before = (range.lt && range.gte && range.lt <= range.gte) || (range.lte && range.gte && range.lte < range.gte);
  if (before) ctx.addIssue({ code: "custom", path: ["to"], message: "must be after from" });
}

export const deploymentFiltersSchema = z.object(filterFields).strict().superRefine(checkRange);

export type DeploymentFilters = z.infer<typeof deploymentFiltersSchema>;

export const listDeploymentsSchema = z
  .object({ ...filterFields, ...keysetQueryFields(25) })
  .strict()
  .superRefine(checkRange);

export type ListDeploymentsInput = z.infer<typeof listDeploymentsSchema>;

export const exportDeploymentsSchema = z
  .object({ ...filterFields, format: z.enum(["csv", "json"], 'must be "csv" or "json"').default("csv") })
  .strict()
  .superRefine(checkRange);

export type ExportDeploymentsInput = z.infer<typeof exportDeploymentsSchema>;

/** The filter names, in the order the page and the export links write them. */
export const FILTER_NAMES = ["service", "environment", "release", "person", "result", "from", "to", "q"] as const;
