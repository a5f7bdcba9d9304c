// Input shapes for services, shared by the REST API and (later) the UI and the CLI: what a
// service runs on, how its health is judged, and how its releases roll out by default.
import { z } from "zod";
import { lowercaseName } from "../names/lowercase-name";
import { keysetQueryFields, searchQueryField } from "../pagination/keyset";

/** Checked as sent, like environment names: refused with the nearest fitting name, never rewritten. */
export const serviceName = lowercaseName({ max: 40, example: "web-api" });

const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;
// git@host:org/repo(.git), ssh://… and git://… are how repositories are usually cloned.
const GIT_URL = /^(git@[\w.-]+:[\w./~-]+|(ssh|git|git\+ssh):\/\/[^\s/?#]+[^\s]*)$/i;

/** A repository to clone: an http(s) URL or a git/ssh one; never with a password in it. */
export const repositoryUrl = z
  .string()
  .trim()
  .max(500)
  .refine((url) => HTTP_URL.test(url) || GIT_URL.test(url), "must be an http(s) or git URL, like https://github.com/acme/web or git@github.com:acme/web.git")
  .refine((url) => !/^[a-z+]+:\/\/[^/@\s]*:[^/@\s]*@/i.test(url), "must not hold a password; give access to the repository another way");

export const httpHealthCheck = z
  .object({
    path: z.string().trim().max(500).regex(/^\/[^\s]*$/, "must start with / and hold no spaces, like /healthz"),
    port: z.number().int("must be a whole number").min(1, "must be 1-65535").max(65_535, "must be 1-65535"),
    expectedStatus: z.number().int("must be a whole number").min(100, "must be an HTTP status, 100-599").max(599, "must be an HTTP status, 100-599").default(200),
    timeoutSeconds: z.number().int("must be a whole number").min(1, "must be 1-300 seconds").max(300, "must be 1-300 seconds").default(5),
  })
  .strict();

/** EC2 status checks always gate a release; an HTTP check is optional. */
export const healthCheckSchema = z
  .object({
    statusChecks: z.literal(true, "EC2 status checks always run; leave statusChecks out or set it to true").default(true),
    http: httpHealthCheck.nullable().default(null),
  })
  .strict();

const rolling = z
  .object({
    type: z.literal("rolling"),
    batchSize: z.number().int("must be a whole number").min(1, "must be at least 1").max(50, "must be at most 50").default(1),
    maxUnavailable: z.number().int("must be a whole number").min(0, "must be 0 or more").max(50, "must be at most 50").default(0),
  })
  .strict();

const blueGreen = z
  .object({
    type: z.literal("blue-green"),
    /** How long the old set is kept after the switch, for an instant rollback. */
    graceMinutes: z.number().int("must be a whole number").min(0, "must be 0 or more").max(1440, "must be at most 1440 (a day)").default(15),
  })
  .strict();

const canary = z
  .object({
    type: z.literal("canary"),
    percent: z.number().int("must be a whole number").min(1, "must be 1-99").max(99, "must be 1-99").optional(),
    count: z.number().int("must be a whole number").min(1, "must be at least 1").max(50, "must be at most 50").optional(),
    bakeSeconds: z.number().int("must be a whole number").min(0, "must be 0 or more").max(86_400, "must be at most 86400 (a day)").default(300),
  })
  .strict()
  .refine((value) => value.percent === undefined || value.count === undefined, { message: "give percent or count, not both", path: ["count"] })
  // Neither: one instance first.
  .transform((value) => (value.percent === undefined && value.count === undefined ? { ...value, count: 1 } : value));

export const strategySchema = z.discriminatedUnion("type", [rolling, blueGreen, canary], {
  error: (issue) => (issue.code === "invalid_union" ? 'must be "rolling", "blue-green" or "canary"' : undefined),
});

export type HealthCheck = z.infer<typeof healthCheckSchema>;
export type Strategy = z.infer<typeof strategySchema>;

export const createServiceSchema = z
  .object({
    name: serviceName,
    /** Team id or slug; defaults to the caller's only team where they may create services. */
    team: z.string().trim().min(1).optional(),
    description: z.string().trim().max(2000, "must be at most 2000 characters").default(""),
    repositoryUrl: repositoryUrl.optional(),
    /** Template id or slug. */
    template: z.string().trim().min(1, "choose a template").max(100),
    /** The template's instance group the service's instances are. */
    instanceGroup: z.string().trim().min(1, "choose an instance group of the template").max(40),
    healthCheck: healthCheckSchema.default({ statusChecks: true, http: null }),
    defaultStrategy: strategySchema.default({ type: "rolling", batchSize: 1, maxUnavailable: 0 }),
    /** Reach the group's instances through Elastic IPs that move to each release's instances. */
    stableAddresses: z.boolean("must be true or false").default(false),
  })
  .strict();

export type CreateServiceInput = z.infer<typeof createServiceSchema>;

export const listServicesSchema = z
  .object({
    ...keysetQueryFields(20),
    /** Part of the name or the description. */
    search: searchQueryField,
    /** Team id or slug. */
    team: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

export type ListServicesInput = z.infer<typeof listServicesSchema>;
