"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useApiAction } from "../use-api-action";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { Modal } from "../ui/modal";
import { InviteLink } from "./invite-link";
import { RolesDialog } from "./roles-dialog";
import type { AdminUserRow, InvitationAnswer, TeamOption } from "./types";

export function UserActions({ user, teams, isSelf }: { user: AdminUserRow; teams: TeamOption[]; isSelf: boolean }) {
  const router = useRouter();
  const [dialog, setDialog] = useState<"roles" | "disable" | "invite" | null>(null);
  const [invitation, setInvitation] = useState<InvitationAnswer | null>(null);
  const action = useApiAction();
  const disabled = user.disabledAt !== null;
  const close = () => {
    action.clearError();
    setDialog(null);
    setInvitation(null);
  };
  const toggle = async () => {
    const result = await action.run(`/api/v1/users/${encodeURIComponent(user.id)}`, { method: "PATCH", body: { disabled: !disabled } });
    if (result.ok) {
      setDialog(null);
      router.refresh();
    }
  };
  const reissue = async () => {
    setDialog("invite");
    const result = await action.run<InvitationAnswer>(`/api/v1/users/${encodeURIComponent(user.id)}/invitation`, { method: "POST" });
    if (result.ok) {
      setInvitation(result.data);
      router.refresh();
    }
  };
  return (
    <div className="flex justify-end gap-1">
      <Button size="sm" variant="ghost" onClick={() => setDialog("roles")} aria-label={`Change roles of ${user.email}`}>
        Roles
      </Button>
      {user.invitation && (
        <Button size="sm" variant="ghost" onClick={() => void reissue()} aria-label={`New invite link for ${user.email}`}>
          New link
        </Button>
      )}
      {!isSelf && (
        <Button size="sm" variant="ghost" onClick={() => setDialog("disable")} aria-label={`${disabled ? "Enable" : "Disable"} ${user.email}`}>
          {disabled ? "Enable" : "Disable"}
        </Button>
      )}
      <RolesDialog user={user} teams={teams} open={dialog === "roles"} onClose={close} />
      <ConfirmDialog
        open={dialog === "disable"}
        title={disabled ? `Enable ${user.email}?` : `Disable ${user.email}?`}
        description={disabled ? "They can sign in again with their password." : "Every session of theirs ends at once and they cannot sign in until enabled again. Their environments stay."}
        confirmLabel={disabled ? "Enable user" : "Disable user"}
        danger={!disabled}
        busy={action.busy}
        error={action.error}
        onConfirm={() => void toggle()}
        onClose={close}
      />
      <Modal open={dialog === "invite"} onClose={close} title={`New invite link for ${user.name}`} description="Their older links stop working.">
        {invitation ? <InviteLink invitation={invitation} /> : action.error ? <p className="text-sm text-red-600">{action.error}</p> : <p className="text-sm text-slate-600">Creating…</p>}
        <div className="mt-4 flex justify-end">
          <Button variant="primary" onClick={close}>
            Done
          </Button>
        </div>
      </Modal>
    </div>
  );
}
