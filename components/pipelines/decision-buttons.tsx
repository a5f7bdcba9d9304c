"use client";
// Confirm or reject a deployment awaiting a team admin's confirmation. Reject asks for an optional
// reason first, which the deployment's history keeps.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useApiAction } from "../use-api-action";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";

export function DecisionButtons({ deploymentId, release, stage }: { deploymentId: string; release: string; stage: string }) {
  const router = useRouter();
  const { busy, error, run } = useApiAction();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");

  async function decide(decision: "confirm" | "reject") {
    const body = decision === "reject" && reason.trim() ? { reason: reason.trim() } : {};
    const result = await run(`/api/v1/deployments/${deploymentId}/${decision}`, { method: "POST", body });
    if (result.ok) {
      setRejecting(false);
      router.refresh();
    }
  }

  return (
    <div className="space-y-2">
      {error && <Alert>{error}</Alert>}
      {rejecting ? (
        <div className="space-y-2">
          <label htmlFor={`reject-${deploymentId}`} className="block font-medium">
            Why reject it? (optional)
          </label>
          <input id={`reject-${deploymentId}`} className="input text-xs" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          <div className="flex gap-2">
            <Button size="sm" variant="danger" disabled={busy} onClick={() => void decide("reject")}>
              Reject {release}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setRejecting(false)}>
              Back
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex gap-2">
          <Button size="sm" variant="primary" disabled={busy} onClick={() => void decide("confirm")} aria-label={`Confirm ${release} on ${stage}`}>
            Confirm
          </Button>
          <Button size="sm" disabled={busy} onClick={() => setRejecting(true)} aria-label={`Reject ${release} on ${stage}`}>
            Reject
          </Button>
        </div>
      )}
    </div>
  );
}
