"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { RelativeTime } from "../ui/relative-time";
import { readApiError, type AccountJson, type TestResult } from "./types";

/** The last connection test, and a button to run one now (the result is also stored on the account). */
export function TestStatus({ account }: { account: AccountJson }) {
  const router = useRouter();
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<(TestResult & { at: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);

  const test = async () => {
    setTesting(true);
    setError(null);
    try {
      const response = await fetch(`/api/v1/cloud-accounts/${account.id}/test`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      if (!response.ok) {
        setError((await readApiError(response)).message);
        return;
      }
      setResult({ ...((await response.json()) as TestResult), at: new Date().toISOString() });
      router.refresh();
    } catch {
      setError("Could not reach Hangar.");
    } finally {
      setTesting(false);
    }
  };

  const shown = result ?? (account.lastTestedAt ? { ok: account.lastTestOk ?? false, message: account.lastTestMessage ?? "", at: account.lastTestedAt, latencyMs: null, region: null } : null);
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 bg-slate-50/60 px-5 py-3">
      <div className="min-w-0 text-sm" role="status" aria-live="polite" aria-label={`Connection test for ${account.name}`}>
        {testing ? (
          <span className="text-slate-600">Testing the connection…</span>
        ) : error ? (
          <span className="text-red-700">{error}</span>
        ) : shown ? (
          <span className="flex flex-wrap items-center gap-x-2">
            <span className={cn("inline-flex items-center gap-1.5 font-medium", shown.ok ? "text-emerald-700" : "text-red-700")}>
              <span className={cn("size-2 rounded-full", shown.ok ? "bg-emerald-500" : "bg-red-500")} aria-hidden />
              {shown.ok ? "Connected" : "Connection failed"}
            </span>
            <span className="text-slate-600">
              {shown.message}
              {shown.latencyMs !== null && ` · ${shown.latencyMs} ms`}
              {shown.region && ` · ${shown.region}`}
            </span>
            <span className="text-xs text-slate-500">
              tested <RelativeTime date={shown.at} />
            </span>
          </span>
        ) : (
          <span className="text-slate-500">Never tested.</span>
        )}
      </div>
      <Button size="sm" onClick={() => void test()} disabled={testing} aria-label={`Test connection of ${account.name}`}>
        {testing ? "Testing…" : "Test connection"}
      </Button>
    </div>
  );
}
