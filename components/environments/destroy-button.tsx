"use client";
import { useState } from "react";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";

type ApiError = { error?: { message?: string } };

/** Asks first, then DELETEs; the page keeps following the stream while the destroy runs. */
export function DestroyButton({ environmentId, name, disabledReason, onRequested }: { environmentId: string; name: string; disabledReason: string | null; onRequested: () => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const destroy = async () => {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(`/api/v1/environments/${environmentId}`, { method: "DELETE" });
      if (response.status !== 202) {
        const payload = (await response.json().catch(() => ({}))) as ApiError;
        setError(payload.error?.message ?? `Destroy failed (HTTP ${response.status})`);
        return;
      }
      setOpen(false);
      onRequested();
    } catch {
      setError("Could not reach Hangar. Check your connection and try again.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant="danger" disabled={disabledReason !== null} title={disabledReason ?? undefined} onClick={() => { setError(null); setOpen(true); }}>
        Destroy
      </Button>
      <ConfirmDialog
        open={open}
        title={`Destroy ${name}?`}
        description="All of its instances are terminated and its outputs stop working. Runs still in progress are canceled at their next step. This cannot be undone."
        confirmLabel="Destroy environment"
        busy={busy}
        error={error}
        onConfirm={() => void destroy()}
        onClose={() => !busy && setOpen(false)}
      />
    </>
  );
}
