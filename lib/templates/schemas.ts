// Input shapes of the template API (publish, manage), shared by the routes, the editor and the CLI.
import { z } from "zod";
import { MAX_TEMPLATE_BYTES } from "./parse-template-source";

const source = z
  .string()
  .min(1, "the template's YAML is empty")
  // Characters, a cheap upper bound of bytes; the parser checks bytes exactly.
  .max(MAX_TEMPLATE_BYTES, `a template may be at most ${MAX_TEMPLATE_BYTES / 1024} KB`);
const changeNote = z.string().trim().max(2000).optional();
const teamList = z.array(z.string().trim().min(1)).min(1, "name at least one team, or share with all").max(200);
export const sharedWithSchema = z.union([z.literal("all"), teamList]);

export const createTemplateSchema = z
  .object({
    // Not trimmed: checkSlug refuses " web-dev" with "try 'web-dev'" rather than rewriting it.
    slug: z.string().min(1, "name the template's slug, like web-dev"),
    source,
    changeNote,
    /** The owning team (slug or id); needed when you maintain templates in several teams. */
    ownerTeam: z.string().trim().min(1).optional(),
    sharedWith: sharedWithSchema.optional(),
  })
  .strict();

export const publishVersionSchema = z
  .object({
    source,
    /** The version this change was made from: publishing is refused (409) when a newer one exists. */
    baseVersion: z.number().int().positive().max(2_147_483_647).optional(),
    changeNote,
  })
  .strict();

/** A source to check without publishing (the editor's validation as you type). */
export const validateTemplateSchema = z.object({ source }).strict();

export const updateTemplateSchema = z
  .object({
    archived: z.boolean().optional(),
    sharedWith: sharedWithSchema.optional(),
    /** manual: owners upgrade environments themselves; automatic: each publish upgrades every environment made from the template. */
    upgradePolicy: z.enum(["manual", "automatic"]).optional(),
  })
  .strict()
  .refine((value) => value.archived !== undefined || value.sharedWith !== undefined || value.upgradePolicy !== undefined, {
    message: "nothing to change: send archived, sharedWith and/or upgradePolicy",
  });

export const updateVersionSchema = z.object({ deprecated: z.boolean() }).strict();

/** Template YAML sent as the request body (Content-Type: application/yaml), other fields in the query string. */
export const yamlCreateQuerySchema = z
  .object({ slug: z.string().min(1, "name the template's slug, like web-dev"), changeNote, ownerTeam: z.string().trim().min(1).optional() })
  .strict();
export const yamlPublishQuerySchema = z
  .object({ baseVersion: z.coerce.number().int().positive().max(2_147_483_647).optional(), changeNote })
  .strict();
