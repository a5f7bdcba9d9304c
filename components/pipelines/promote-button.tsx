"use client";
// Promote between two stages: deploys the release live on `from` to `to`. The answer says whether
// it was queued or awaits a team admin's confirmation, with a link to the new deployment.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useApiAction } from "../use-api-action";
import { Button } from "../ui/button";

type Promoted = { id: string; state: "queued" | "awaiting_confirmation"; stage: string; release: string };

export function PromoteButton({ serviceId, from, to, release }: { serviceId: string; from: string; to: string; release: string }) {
  const router = useRouter();
  const { busy, error, run } = useApiAction();
  const [done, setDone] = useState<Promoted | null>(null);

  async function promote() {
    const result = await run<Promoted>(`/api/v1/services/${serviceId}/promotions`, { method: "POST", body: { from } });
    if (result.ok) {
      setDone(result.data);
      router.refresh();
    }
  }

  return (
    <div className="flex w-28 flex-col items-center gap-1 text-center text-xs">
      <Button size="sm" disabled={busy} onClick={() => void promote()} aria-label={`Promote ${release} from ${from} to ${to}`} title={`Deploy ${release} from ${from} to ${to}`}>
        Promote
      </Button>
      {done && (
        <p role="status" className="text-slate-600">
          <Link href={`/deployments/${done.id}`} className="underline">
            {done.release}
          </Link>{" "}
          {done.state === "queued" ? "queued" : "awaits confirmation"}
        </p>
      )}
      {error && (
        <p role="alert" className="text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
