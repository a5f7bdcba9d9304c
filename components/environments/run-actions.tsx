"use client";
import { useState } from "react";
import { humanize } from "../format";
import { useApiAction } from "../use-api-action";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import type { RunJson } from "./types";

/**
 * Cancel (asks first: the run stops at its next step and the environment is left failed there)
 * and Retry from the failed step. The page follows the live stream for what happens next.
 */
export function RunActions({ run, onDone }: { run: RunJson; onDone: (message: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const { busy, error, clearError, run: call } = useApiAction();

  const cancel = async () => {
    const result = await call<{ state: string }>(`/api/v1/runs/${run.id}/cancel`, { method: "POST" });
    if (!result.ok) return;
    setConfirming(false);
    onDone(result.data.state === "canceled" ? "The run was canceled before it started." : "Cancel requested: the run stops at its next step.");
  };
  const retry = async () => {
    const result = await call<{ fromStep: string }>(`/api/v1/runs/${run.id}/retry`, { method: "POST" });
    if (result.ok) onDone(`Retrying from step “${humanize(result.data.fromStep)}”. Finished steps are kept.`);
  };

  if (!run.canCancel && !run.retryFrom && !run.canceling) return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {run.canceling && <span className="text-xs text-amber-700">Canceling at the next step…</span>}
      {run.canCancel && (
        <Button size="sm" onClick={() => { clearError(); setConfirming(true); }}>
          Cancel run
        </Button>
      )}
      {run.retryFrom && (
        <Button size="sm" variant="primary" disabled={busy} onClick={() => void retry()}>
          {busy ? "Working…" : `Retry from “${humanize(run.retryFrom)}”`}
        </Button>
      )}
      {error && !confirming && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Cancel this ${run.kind} run?`}
        description="It stops at its next step boundary; cloud calls already sent complete first. The environment is then marked failed at that step, showing what exists, and you can retry from there or destroy it."
        confirmLabel="Cancel run"
        busy={busy}
        error={error}
        onConfirm={() => void cancel()}
        onClose={() => !busy && setConfirming(false)}
      />
    </div>
  );
}
