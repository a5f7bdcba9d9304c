import type { CloudAccountView } from "@/lib/cloud-accounts/cloud-account-view";
import { readApiFailure } from "../api-client";
import type { Jsonify } from "../jsonify";

export type AccountJson = Jsonify<CloudAccountView>;
export type TeamOption = { slug: string; name: string };
export type TestResult = { ok: boolean; message: string; latencyMs: number; region: string };

export const CREDENTIAL_SOURCES = {
  default_chain: { label: "SDK default chain", help: "Instance role, environment or shared config of the worker host." },
  static: { label: "Access key pair", help: "Stored encrypted; the secret is never shown again." },
  env: { label: "Environment variables", help: "Names of variables that hold the keys in the web and worker processes (with the operator's prefix)." },
} as const;

export type CredentialSource = keyof typeof CREDENTIAL_SOURCES;

/** Reads an API error body into a message plus field errors keyed by the form's field names. */
export async function readApiError(response: Response): Promise<{ message: string; fields: Record<string, string> }> {
  const failure = await readApiFailure(response);
  const fields: Record<string, string> = {};
  for (const issue of failure.issues) {
    // "regions.2" -> "regions", "sharedWith.0" -> "sharedWith" (each message names its item, so
    // several are joined); "credentials.accessKeyId" stays as it is.
    const key = /^(regions|sharedWith)\.\d+$/.test(issue.path) ? issue.path.split(".")[0]! : issue.path;
    const previous = fields[key];
    fields[key] = !previous ? issue.message : previous.includes(issue.message) ? previous : `${previous}; ${issue.message}`;
  }
  return { message: failure.message, fields };
}
