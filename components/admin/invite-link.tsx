"use client";
import { Alert } from "../ui/alert";
import { CopyButton } from "../ui/copy-button";
import { RelativeTime } from "../ui/relative-time";
import type { InvitationAnswer } from "./types";

/** The invite link, shown once: Hangar keeps only its hash. */
export function InviteLink({ invitation }: { invitation: InvitationAnswer }) {
  return (
    <div className="space-y-3">
      <Alert tone="warning" title="Copy the link now: it is shown only once">
        Send it to {invitation.user.email} yourself (Hangar sends no email). It works once and expires <RelativeTime date={invitation.expiresAt} />.
      </Alert>
      <div className="flex items-center gap-2 rounded-md border border-slate-200 bg-slate-50 p-2">
        <code className="min-w-0 flex-1 font-mono text-xs break-all" aria-label="Invite link">
          {invitation.inviteUrl}
        </code>
        <CopyButton value={invitation.inviteUrl} label="invite link" />
      </div>
    </div>
  );
}
