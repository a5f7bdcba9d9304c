"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useApiAction } from "../use-api-action";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import type { DeploymentJson } from "./types";

/** Roll back: asks first, then deploys the release that was live before and opens that new deployment. */
export function RollbackButton({ deployment }: { deployment: DeploymentJson }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { busy, error, clearError, run } = useApiAction();
  const { canRollback, rollbackDisabledReason } = deployment.actions;
  const target = deployment.fromRelease?.version;

  const confirm = async () => {
    const result = await run<{ id: string }>(`/api/v1/deployments/${deployment.id}/rollback`, { method: "POST", body: {} });
    if (!result.ok) return;
    setOpen(false);
    router.push(`/deployments/${result.data.id}`);
  };

  return (
    <>
      <Button
        onClick={() => {
          clearError();
          setOpen(true);
        }}
        disabled={!canRollback}
        title={rollbackDisabledReason ?? undefined}
      >
        Roll back
      </Button>
      {rollbackDisabledReason && <span className="sr-only">{rollbackDisabledReason}</span>}
      <ConfirmDialog
        open={open}
        title={`Roll back ${deployment.service.name} on ${deployment.environment.name}?`}
        description={`This deploys ${target ?? "the previous release"} again in place of ${deployment.release.version}, as a deployment of its own. Inside a blue-green grace period the old instances take traffic back at once.`}
        confirmLabel={`Roll back to ${target ?? "previous"}`}
        onConfirm={() => void confirm()}
        onClose={() => setOpen(false)}
        busy={busy}
        error={error}
      />
    </>
  );
}
