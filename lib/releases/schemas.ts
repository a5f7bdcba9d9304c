// Input shapes for releases: an immutable version of a service with what to run (a container
// image or an https archive), non-secret config values, the commit and a changelog.
import { z } from "zod";
import { keysetQueryFields } from "../pagination/keyset";

/** Safe in a URL path segment: letters, digits, dots, dashes, underscores and +, like 1.4.2 or 2026.12.01-3. */
export const releaseVersion = z
  .string()
  .trim()
  .min(1, "give the release a version, like 1.4.2")
  .max(64, "must be at most 64 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._+-]*$/, "must start with a letter or digit and hold only letters, digits, dots, dashes, underscores and +, like 1.4.2");

// registry[:port]/path[:tag][@sha256:<64 hex>], as OCI distribution spells references.
const IMAGE = /^(?<name>(?:[a-z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::(?<tag>[\w][\w.-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$/;

export type ArtifactType = "image" | "archive";

/** What kind of artifact a reference is, or why it is neither. */
export function classifyArtifact(reference: string): { type: ArtifactType } | { problem: string } {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(reference)) {
    let url: URL;
    try {
      url = new URL(reference);
    } catch {
      return { problem: "is not a valid URL" };
    }
    if (url.protocol !== "https:") return { problem: "an archive must be an https URL" };
    if (url.username || url.password) return { problem: "must not hold credentials; config and artifacts must not hold secrets" };
    return { type: "archive" };
  }
  const image = IMAGE.exec(reference);
  if (!image) return { problem: "must be a container image (registry/name:tag or registry/name@sha256:…) or an https archive URL" };
  // A bare name means :latest, which moves: a release must say which image it is.
  if (!image.groups?.tag && !image.groups?.digest) return { problem: "an image needs a tag or a digest (registry/name:tag@sha256:…); a release must not move" };
  return { type: "image" };
}

export const artifactReference = z
  .string()
  .trim()
  .min(1, "give the container image or archive URL to deploy")
  .max(1000, "must be at most 1000 characters")
  .superRefine((reference, ctx) => {
    const kind = classifyArtifact(reference);
    if ("problem" in kind) ctx.addIssue({ code: "custom", message: kind.problem });
  });

export const MAX_CONFIG_KEYS = 100;
export const MAX_CONFIG_BYTES = 32 * 1024;
const SECRET_KEY = /(secret|passw(or)?d|passwd|token|credential|private[_-]?key|api[_-]?key|access[_-]?key|signing[_-]?key|authorization|cookie)/i;
// Values that are secrets whatever their key: a private key, an AWS access key id, a URL with a password.
const SECRET_VALUE = /(-----BEGIN [A-Z ]*PRIVATE KEY-----|\b(AKIA|ASIA)[0-9A-Z]{16}\b|[a-z][a-z0-9+.-]*:\/\/[^/@\s:]*:[^/@\s]+@)/i;

/** Non-secret string values for the release's instances; a secret-looking key is refused at its path. */
export const releaseConfig = z
  .record(
    z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/, "config keys are 1-64 letters, digits, dots, dashes and underscores, starting with a letter or _"),
    z.string("config values are strings").max(4096, "must be at most 4096 characters"),
  )
  .default({})
  .superRefine((config, ctx) => {
    const keys = Object.keys(config);
    if (keys.length > MAX_CONFIG_KEYS) ctx.addIssue({ code: "custom", message: `at most ${MAX_CONFIG_KEYS} values` });
    if (Buffer.byteLength(JSON.stringify(config)) > MAX_CONFIG_BYTES) ctx.addIssue({ code: "custom", message: `must be at most ${MAX_CONFIG_BYTES / 1024} KB in all` });
    for (const key of keys.filter((k) => SECRET_KEY.test(k) || SECRET_VALUE.test(config[k]!))) {
      ctx.addIssue({ code: "custom", path: [key], message: "looks like a secret; config must not hold secrets (everyone who can read the service sees it)" });
    }
  });

/** As git prints it (lowercase); an uppercase one is refused with its lowercase form rather than rewritten. */
export const commitSha = z.string().superRefine((value, ctx) => {
  if (/^[0-9a-f]{7,40}$/.test(value)) return;
  const lower = value.trim().toLowerCase();
  const message = /^[0-9a-f]{7,40}$/.test(lower) ? `must be 7-40 lowercase hex digits, as git prints it: try '${lower}'` : "must be a commit SHA: 7-40 hex digits";
  ctx.addIssue({ code: "custom", message });
});

export const createReleaseSchema = z
  .object({
    version: releaseVersion,
    artifact: artifactReference,
    config: releaseConfig,
    commitSha: commitSha.optional(),
    changelog: z.string().max(20_000, "must be at most 20000 characters").default(""),
  })
  .strict();

export type CreateReleaseInput = z.infer<typeof createReleaseSchema>;

export const listReleasesSchema = z
  .object({
    ...keysetQueryFields(20),
    /** Part of a version or a commit SHA. */
    search: z.string().trim().max(64).optional(),
  })
  .strict();

export type ListReleasesInput = z.infer<typeof listReleasesSchema>;
