"use client";
import { useState } from "react";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { useApiAction } from "../use-api-action";

/** Asks first, then DELETEs; the page keeps following the stream while the destroy runs. */
export function DestroyButton({ environmentId, name, disabledReason, onRequested }: { environmentId: string; name: string; disabledReason: string | null; onRequested: () => void }) {
  const [open, setOpen] = useState(false);
  const { busy, error, clearError, run } = useApiAction();

  const destroy = async () => {
    const result = await run(`/api/v1/environments/${environmentId}`, { method: "DELETE" });
    if (!result.ok) return;
    setOpen(false);
    onRequested();
  };

  return (
    <>
      <Button variant="danger" disabled={disabledReason !== null} title={disabledReason ?? undefined} onClick={() => { clearError(); setOpen(true); }}>
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
