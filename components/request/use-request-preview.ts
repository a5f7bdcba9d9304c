"use client";
import { useEffect, useState } from "react";
import type { RequestPreview } from "@/lib/environments/preview-request";
import type { Jsonify } from "../jsonify";
import { callApi, type ApiIssue } from "../api-client";

export type PreviewJson = Jsonify<RequestPreview>;
type Answer = { status: "loading" } | { status: "ready"; preview: PreviewJson } | { status: "invalid"; message: string; issues: ApiIssue[] } | { status: "error"; message: string };
/** `stale`: the form changed since this answer; a new one is on its way. */
export type PreviewState = Answer & { stale: boolean };

/**
 * The server's dry run of exactly what the form would submit (defaults, validation, prices),
 * asked again a moment after the form stops changing; an answer to an older form is dropped,
 * and until the new one arrives the old one is marked stale rather than shown as current.
 */
export function useRequestPreview(template: string, body: Record<string, unknown>): PreviewState {
  const key = JSON.stringify(body);
  const [state, setState] = useState<Answer & { key: string | null }>({ status: "loading", key: null });
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void callApi<PreviewJson>(`/api/v1/templates/${encodeURIComponent(template)}/preview`, { method: "POST", body: JSON.parse(key) as unknown }).then((result) => {
        if (!current) return;
        if (result.ok) setState({ status: "ready", preview: result.data, key });
        else if (result.status === 400 || result.status === 404 || result.status === 409) setState({ status: "invalid", message: result.message, issues: result.issues, key });
        else setState({ status: "error", message: result.message, key });
      });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [template, key]);
  const { key: answered, ...answer } = state;
  return { ...answer, stale: answered !== key };
}
