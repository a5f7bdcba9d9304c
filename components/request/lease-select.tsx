"use client";
import { formatDuration } from "@/lib/templates/durations";
import { Field } from "../ui/field";
import { RelativeTime } from "../ui/relative-time";
import { describeLease, leaseOptions } from "./lease";

export function LeaseSelect({ value, onChange, lease, error }: { value: number; onChange: (seconds: number) => void; lease: { default: number; max: number }; error?: string }) {
  const help = (
    <>
      Default {formatDuration(lease.default)} · max {formatDuration(lease.max)}. Destroyed automatically when the lease ends,{" "}
      <RelativeTime fromNowSeconds={value} />.
    </>
  );
  return (
    <Field id="ttl" label="Lease" help={help} error={error}>
      {(describedBy) => (
        <select id="ttl" value={value} onChange={(event) => onChange(Number(event.target.value))} aria-invalid={Boolean(error)} aria-describedby={describedBy} className="input">
          {leaseOptions(lease.default, lease.max, value).map((seconds) => (
            <option key={seconds} value={seconds}>
              {describeLease(seconds)}
              {seconds === lease.default ? " (default)" : seconds === lease.max ? " (max)" : ""}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
