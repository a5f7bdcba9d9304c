// Who may confirm (or reject) a deployment awaiting a confirmation before it starts: today, a
// team admin of the service's team or a site admin. This is the one place the decision is made;
// the approval engine that comes later (several approvers, rules per stage, time windows) plugs in
// here by replacing `decideConfirmation`, and confirm/reject keep calling it unchanged.
import { Forbidden } from "../errors";
import type { Caller } from "../identity/caller";

export type ConfirmationRequest = {
  caller: Caller;
  decision: "confirm" | "reject";
  deployment: { id: string; teamId: string; stageId: string | null };
};

export type ConfirmationDecision = { allowed: true } | { allowed: false; reason: string };

/** A team admin of the deployment's team, or a site admin. */
export function mayDecide(caller: Caller, teamId: string): boolean {
  return caller.isAdmin || caller.memberships.some((m) => m.teamId === teamId && m.role === "admin");
}

export function decideConfirmation(request: ConfirmationRequest): ConfirmationDecision {
  if (mayDecide(request.caller, request.deployment.teamId)) return { allowed: true };
  return { allowed: false, reason: `Only an admin of the service's team can ${request.decision} a deployment awaiting confirmation` };
}

/** Throws 403 unless the caller may take this decision. */
export function requireConfirmationRight(request: ConfirmationRequest): void {
  const decision = decideConfirmation(request);
  if (!decision.allowed) throw new Forbidden(decision.reason);
}
