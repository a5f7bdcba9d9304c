"use client";
// Releases from CI: create or rotate the service's webhook secret. The secret is in the answer
// only: shown here once, to copy into the CI system, and gone when the page is left.
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { WebhookSecretIssued } from "@/lib/services/rotate-webhook-secret";
import type { Jsonify } from "../jsonify";
import { useApiAction } from "../use-api-action";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { CopyButton } from "../ui/copy-button";
import { RelativeTime } from "../ui/relative-time";

export function WebhookSecret({ serviceId, configured, rotatedAt, canWrite }: { serviceId: string; configured: boolean; rotatedAt: string | null; canWrite: boolean }) {
  const router = useRouter();
  const { busy, error, run } = useApiAction();
  const [issued, setIssued] = useState<Jsonify<WebhookSecretIssued> | null>(null);
  const [confirming, setConfirming] = useState(false);

  async function rotate() {
    setConfirming(false);
    const result = await run<Jsonify<WebhookSecretIssued>>(`/api/v1/services/${serviceId}/webhook-secret`, { method: "POST" });
    if (result.ok) {
      setIssued(result.data);
      router.refresh();
    }
  }

  const url = `/api/v1/services/${serviceId}/webhook`;
  return (
    <div className="space-y-3 p-4 text-sm">
      <p className="text-slate-600">
        CI creates releases by POSTing the release JSON to this Hangar's <code className="font-mono text-xs break-all">{url}</code>, signed with{" "}
        <code className="font-mono text-xs">X-Hangar-Signature: sha256=…</code> (HMAC-SHA256 of the body) and a unique <code className="font-mono text-xs">X-Hangar-Delivery</code>.
      </p>
      <p data-testid="webhook-status">
        {configured ? (
          <>
            A secret is set (since <RelativeTime date={rotatedAt} />
            ).
          </>
        ) : (
          "No secret yet: the webhook refuses every delivery."
        )}
      </p>
      {issued && (
        <Alert tone="success" title="Copy the secret now: it is not shown again">
          <div className="mt-1 flex items-center gap-2">
            <code className="font-mono text-xs break-all" data-testid="webhook-secret">
              {issued.secret}
            </code>
            <CopyButton value={issued.secret} label="Copy secret" />
          </div>
          {issued.replaced && <p className="mt-1">The previous secret no longer works.</p>}
        </Alert>
      )}
      {error && <Alert>{error}</Alert>}
      {canWrite &&
        (confirming ? (
          <div className="flex items-center gap-2">
            <span>The current secret stops working at once.</span>
            <Button size="sm" variant="danger" disabled={busy} onClick={() => void rotate()}>
              Rotate
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
              Keep it
            </Button>
          </div>
        ) : (
          <Button size="sm" disabled={busy} onClick={() => (configured ? setConfirming(true) : void rotate())}>
            {configured ? "Rotate the secret" : "Create a webhook secret"}
          </Button>
        ))}
    </div>
  );
}
