import type { TemplateSpec } from "@/lib/templates/template-spec";

export type RequestTemplate = { slug: string; name: string; version: number; description: string; spec: TemplateSpec; parameterOrder: string[] };
export type RequestAccount = { id: string; name: string; provider: string; regions: string[]; defaultRegion: string; isDefault: boolean };
export type RequestTeam = { slug: string; name: string };
export type FieldErrors = Record<string, string>;

export type ApiError = { error?: { code?: string; message?: string; issues?: { path: string; message: string }[] } };
