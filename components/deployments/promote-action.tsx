"use client";
// The deployment page's Promote button: deploys this (succeeded) deployment's release to the next
// stage of the service's pipeline, then opens the new deployment (queued, or awaiting a team
// admin's confirmation when that stage asks for one). Nothing to show without a next stage.
import { useRouter } from "next/navigation";
import { useApiAction } from "../use-api-action";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";

export function PromoteAction({ deploymentId, nextStage, release }: { deploymentId: string; nextStage: string | null; release?: string }) {
  const router = useRouter();
  const { busy, error, run } = useApiAction();
  if (!nextStage) return null;

  async function promote() {
    const result = await run<{ id: string }>(`/api/v1/deployments/${deploymentId}/promote`, { method: "POST", body: {} });
    if (result.ok) router.push(`/deployments/${result.data.id}`);
  }

  return (
    <div className="space-y-2">
      <Button variant="primary" disabled={busy} onClick={() => void promote()} title={`Deploy ${release ?? "this release"} to the ${nextStage} stage`}>
        Promote to {nextStage}
      </Button>
      {error && <Alert>{error}</Alert>}
    </div>
  );
}
