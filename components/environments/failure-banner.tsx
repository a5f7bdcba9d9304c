import { humanize } from "../format";
import type { EnvironmentJson } from "./types";

export function FailureBanner({ environment }: { environment: EnvironmentJson }) {
  if (environment.state !== "failed") return null;
  return (
    <div role="alert" className="flex gap-3 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
      <svg viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-5 shrink-0 text-red-500" aria-hidden>
        <path fillRule="evenodd" d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16ZM9 6a1 1 0 1 1 2 0v4a1 1 0 1 1-2 0V6Zm1 8.5a1.25 1.25 0 1 0 0-2.5 1.25 1.25 0 0 0 0 2.5Z" clipRule="evenodd" />
      </svg>
      <div>
        <p className="font-medium">
          {environment.failedStep ? <>Failed at step “{humanize(environment.failedStep)}”</> : "The last run failed"}
        </p>
        {environment.failureReason && <p className="mt-1 font-mono text-xs break-words">{environment.failureReason}</p>}
        <p className="mt-2 text-red-700">
          {environment.runs[0]?.retryFrom
            ? "Retry the run from this step (finished steps are kept), or destroy the environment to release whatever was created."
            : "Destroy the environment to release whatever was created, then request it again."}
        </p>
      </div>
    </div>
  );
}
