import type { RequestDefaults } from "@/lib/environments/request-defaults";
import type { TemplateSpec } from "@/lib/templates/template-spec";
import type { Jsonify } from "../jsonify";

export type PresetChoice = { name: string; title: string; description?: string | undefined; parameters: Record<string, unknown> };
export type RequestTemplate = { slug: string; name: string; version: number; description: string; spec: TemplateSpec; parameterOrder: string[]; presets: PresetChoice[] };
export type RequestAccount = { id: string; name: string; provider: string; regions: string[]; defaultRegion: string; isDefault: boolean };
export type RequestTeam = { slug: string; name: string };
export type FieldErrors = Record<string, string>;
/** What the form opens with and why (GET /api/v1/templates/:id/request-defaults). */
export type RequestPrefill = Jsonify<RequestDefaults>;
export type PrefillOrigin = RequestPrefill["origin"];

