// Input shapes shared by the REST API, the request form and the CLI.
import { z } from "zod";
import { lowercaseName } from "../names/lowercase-name";
import { keysetQueryFields, searchQueryField } from "../pagination/keyset";
import { stateFilterSchema } from "./state-filter";

/** Checked as sent: `My-Env` is refused with "try 'my-env'", never lowercased behind the client's back. */
export const environmentName = lowercaseName({ max: 40, example: "my-env" });

export const requestEnvironmentSchema = z
  .object({
    name: environmentName,
    /** Template id or slug. */
    template: z.string().trim().min(1, "choose a template"),
    templateVersion: z.coerce.number().int().positive().max(2_147_483_647).optional(),
    /** Team id or slug; defaults to the caller's only team where they may create environments. */
    team: z.string().trim().min(1).optional(),
    parameters: z.record(z.string(), z.unknown()).default({}),
    /** Lease length: "8h", "3d", "90m" or seconds. Defaults to the template's lease.default. */
    ttl: z.union([z.string().trim().min(1), z.number().int().positive()]).optional(),
    cloudAccount: z.string().trim().min(1).optional(),
    region: z.string().trim().min(1).optional(),
  })
  .strict();

export type RequestEnvironmentInput = z.infer<typeof requestEnvironmentSchema>;

/** A request's dry run: the request's fields, the template from the path, the name optional. */
export const previewRequestSchema = requestEnvironmentSchema.omit({ template: true, name: true }).extend({ name: environmentName.optional() }).strict();

export const listEnvironmentsSchema = z
  .object({
    ...keysetQueryFields(20),
    /** Part of the name, the owner's email or the template's name. */
    search: searchQueryField,
    state: stateFilterSchema,
    team: z.string().trim().optional(),
    /** Only environments made from this template (id or slug), and with `templateVersion`, from that version. */
    template: z.string().trim().min(1).max(100).optional(),
    templateVersion: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(2_147_483_647).optional(),
  })
  .strict();

export type ListEnvironmentsInput = z.infer<typeof listEnvironmentsSchema>;
