// The API shapes of templates: list rows, one version with its spec and source, publishing,
// versions, diffs, the catalog, folder sync and validation results.
import { z } from "zod";
import { isoDate, keysetPageOf, listPageOf, teamName, teamRef } from "@/lib/api-contract/common-schemas";
import { upgradeBatchStarted } from "@/lib/environments/api-schemas";

const versionRef = z.object({ id: z.string(), version: z.number().int(), createdAt: isoDate(), deprecatedAt: isoDate().nullable() });

const templateSummary = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  ownerTeam: teamRef.nullable(),
  sharedWithAll: z.boolean(),
  sharedWith: z.array(teamName),
  archivedAt: isoDate().nullable(),
  upgradePolicy: z.enum(["manual", "automatic"]),
  latestVersion: versionRef.nullable(),
  canManage: z.boolean(),
});

export const templateList = listPageOf(templateSummary);

export const templateView = templateSummary.extend({
  version: z.object({
    id: z.string(),
    version: z.number().int(),
    source: z.string().meta({ description: "The YAML as published" }),
    // The template's own content, as its author wrote it: described by GET /api/v1/templates/schema.json.
    spec: z.record(z.string(), z.unknown()).meta({ description: "The parsed template (format: GET /api/v1/templates/schema.json)" }),
    changeNote: z.string().nullable(),
    deprecatedAt: isoDate().nullable(),
    createdAt: isoDate(),
  }),
});

export const templateSettings = z.object({
  id: z.string(),
  slug: z.string(),
  archived: z.boolean(),
  sharedWith: z.union([z.array(z.string()), z.literal("all")]),
  upgradePolicy: z.enum(["manual", "automatic"]),
});

export const publishedVersion = z.object({
  templateId: z.string(),
  slug: z.string(),
  versionId: z.string(),
  version: z.number().int(),
  created: z.boolean().meta({ description: "false (200) when the source equals the latest version: nothing was published" }),
  upgrades: z
    .object({ batch: upgradeBatchStarted.nullable(), error: z.string().optional() })
    .optional()
    .meta({ description: "With an automatic upgrade policy: the upgrade batch the publish started" }),
});

export const versionList = z.object({
  items: z.array(
    z.object({
      version: z.number().int(),
      createdAt: isoDate(),
      createdBy: z.string().nullable(),
      changeNote: z.string().nullable(),
      deprecatedAt: isoDate().nullable(),
      environments: z.number().int().meta({ description: "Live environments on this version" }),
    }),
  ),
});

export const versionDeprecation = z.object({ version: z.number().int(), deprecatedAt: isoDate().nullable() });

const diffVersion = z.object({ version: z.number().int(), createdAt: isoDate(), changeNote: z.string().nullable(), deprecatedAt: isoDate().nullable() });
const diffLine = z.object({ line: z.number().int(), text: z.string(), kind: z.enum(["context", "added", "removed"]) }).nullable();

export const versionDiff = z.object({
  slug: z.string(),
  name: z.string(),
  from: diffVersion,
  to: diffVersion,
  added: z.number().int(),
  removed: z.number().int(),
  rows: z.array(z.object({ left: diffLine, right: diffLine })),
});

export const catalogPage = keysetPageOf(
  z.object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    ownerTeam: teamName.nullable(),
    tags: z.array(z.string()),
    version: z.object({ number: z.number().int(), publishedAt: isoDate() }),
    hourlyCost: z.object({ minUsdPerHour: z.number(), maxUsdPerHour: z.number(), defaultUsdPerHour: z.number().nullable(), complete: z.boolean() }).nullable(),
    readyTime: z.object({ medianSeconds: z.number(), runs: z.number().int() }).nullable(),
    liveEnvironments: z.number().int(),
  }),
).extend({
  available: z.number().int().meta({ description: "Templates the caller may request, before filters" }),
  facets: z.object({ tags: z.array(z.string()), teams: z.array(teamName) }),
  region: z.string().meta({ description: "The region prices are quoted for" }),
});

const sourceIssue = z.object({ path: z.string(), message: z.string(), line: z.number().int().optional(), column: z.number().int().optional() });

export const validationResult = z.object({ valid: z.boolean(), issues: z.array(sourceIssue) });

const syncedFile = z.object({ file: z.string(), slug: z.string(), version: z.number().int() });
export const syncResult = z.object({
  published: z.array(syncedFile),
  unchanged: z.array(syncedFile),
  failed: z.array(z.object({ file: z.string(), message: z.string(), issues: z.array(sourceIssue) })),
});
