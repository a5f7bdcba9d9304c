"use client";
import { useCallback, useEffect, useState } from "react";
import { callApi, type ApiIssue } from "../api-client";

/** Issues and the exact source they were found in: the editor places them only on that text. */
export type CheckedSource = { source: string; issues: ApiIssue[] };

export type TemplateValidation = {
  checked: CheckedSource | null;
  /** A check is waiting for typing to pause, or on its way. */
  checking: boolean;
  /** Why the last check could not be made (network, session); its issues stay as they were. */
  failure: string | null;
  /** Shows issues found elsewhere (a refused publish) until the next check replaces them. */
  report: (checked: CheckedSource) => void;
};

/** How long typing must pause before the server is asked: one request per pause, not per key. */
export const VALIDATE_DELAY_MS = 400;

/**
 * Checks the source with POST /api/v1/templates/validate (the publish path's own checks) each
 * time typing pauses. A newer source cancels the request for an older one, so an answer never
 * lands on text it was not about.
 */
export function useTemplateValidation(source: string): TemplateValidation {
  const [checked, setChecked] = useState<CheckedSource | null>(null);
  // Kept with its source, like the issues: typing on makes it stale and a new check begins.
  const [failure, setFailure] = useState<{ source: string; message: string } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      void (async () => {
        const result = await callApi<{ valid: boolean; issues: ApiIssue[] }>("/api/v1/templates/validate", { method: "POST", body: { source }, signal: controller.signal });
        if (controller.signal.aborted) return;
        if (result.ok) {
          setChecked({ source, issues: result.data.issues });
        } else if (result.status === 400) {
          // An empty or oversized source: the request's own problem is the source's problem.
          setChecked({ source, issues: result.issues.length > 0 ? result.issues : [{ path: "source", message: result.message }] });
        } else {
          setFailure({ source, message: `Could not check the template: ${result.message}` });
        }
      })();
    }, VALIDATE_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [source]);

  const report = useCallback((next: CheckedSource) => setChecked(next), []);
  const failed = failure?.source === source ? failure.message : null;
  return { checked, checking: checked?.source !== source && failed === null, failure: failed, report };
}
