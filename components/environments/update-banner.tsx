"use client";
import { Alert } from "../ui/alert";
import { ButtonLink } from "../ui/button";
import { ACTIVE_RUN_STATES, type EnvironmentJson } from "./types";

/** "Update available": a newer version of the template this environment's team may move to. */
export function UpdateBanner({ environment }: { environment: EnvironmentJson }) {
  const update = environment.updateAvailable;
  if (!update) return null;
  const updating = environment.runs.some((r) => r.kind === "update" && ACTIVE_RUN_STATES.has(r.state));
  if (updating) return null;
  return (
    <Alert tone="info" className="flex flex-wrap items-center justify-between gap-3" live={false}>
      <span data-testid="update-available">
        Update available: {environment.template.name} version {update.version} (this environment runs version {environment.template.version}).
      </span>
      <ButtonLink href={`/environments/${environment.id}/upgrade`} size="sm">
        Review the update
      </ButtonLink>
    </Alert>
  );
}
