import "server-only";
// What the request page shows for its query: the form (with what it opens with), or why there
// is no form: the template or environment is not found, the caller may not copy that
// environment, or the version asked for takes no new requests (with the version to use instead).
import { byPreferredOrder, specKeyOrder } from "@/app/_ui/spec-key-order";
import type { PresetChoice } from "@/components/request/types";
import type { Db } from "@/lib/db/client";
import { getRequestDefaults, NotRequestable, type RequestDefaults } from "@/lib/environments/request-defaults";
import { Forbidden, Invalid, NotFound } from "@/lib/errors";
import type { Caller } from "@/lib/identity/caller";
import type { TemplateDetail } from "@/lib/templates/list-templates";

export type RequestFormQuery = { template?: string | undefined; again?: string | undefined; version?: string | undefined; preset?: string | undefined };

export type LoadedRequestForm =
  | { kind: "form"; template: TemplateDetail; defaults: RequestDefaults; presets: PresetChoice[]; parameterOrder: string[] }
  | { kind: "not-found"; title: string; message: string }
  | { kind: "forbidden"; message: string }
  | { kind: "not-requestable"; message: string; offer: { href: string; label: string } | null };

export async function loadRequestForm(db: Db, caller: Caller, query: RequestFormQuery): Promise<LoadedRequestForm> {
  const version = query.version && /^\d{1,9}$/.test(query.version) ? Number(query.version) : undefined;
  const input = { template: query.template, again: query.again, version, preset: query.preset };
  let loaded: Awaited<ReturnType<typeof getRequestDefaults>>;
  try {
    loaded = await getRequestDefaults(db, caller, input).catch((error: unknown) => {
      // A link with a preset this version lacks still opens the form, without it.
      if (error instanceof Invalid && query.preset) return getRequestDefaults(db, caller, { ...input, preset: undefined });
      throw error;
    });
  } catch (error) {
    if (error instanceof NotRequestable) {
      const latest = error.latestRequestable;
      const offer = latest === null ? null : query.again
        ? { href: `/environments/new?again=${encodeURIComponent(query.again)}&version=${latest}`, label: `Request again with version ${latest}` }
        : { href: `/environments/new?template=${encodeURIComponent(query.template ?? "")}`, label: `Request version ${latest}` };
      return { kind: "not-requestable", message: error.message, offer };
    }
    if (error instanceof Forbidden) return { kind: "forbidden", message: error.message };
    if (error instanceof NotFound) {
      return query.again
        ? { kind: "not-found", title: "Environment not found", message: `There is no environment to request again with the id “${query.again}”, or it is not made from this template.` }
        : { kind: "not-found", title: "Template not found", message: `There is no template called “${query.template}”, or it has no version that can be requested.` };
    }
    throw error;
  }
  const { template, defaults } = loaded;
  const order = specKeyOrder(template.version.source);
  const presets = Object.entries(template.version.spec.presets ?? {})
    .sort(([a], [b]) => byPreferredOrder(order.presets)(a, b))
    .map(([name, preset]) => ({ name, title: preset.title ?? name, description: preset.description, parameters: preset.parameters }));
  return { kind: "form", template, defaults, presets, parameterOrder: order.parameters };
}
