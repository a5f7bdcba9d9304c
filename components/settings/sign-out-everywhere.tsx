"use client";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { useApiAction } from "../use-api-action";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";

export function SignOutEverywhere() {
  const [open, setOpen] = useState(false);
  const action = useApiAction();
  const confirm = async () => {
    const result = await action.run("/api/v1/me/sessions", { method: "DELETE" });
    if (result.ok) await signOut({ callbackUrl: "/signin?notice=signed-out-everywhere" });
  };
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Sign out everywhere
      </Button>
      <ConfirmDialog
        open={open}
        title="Sign out everywhere?"
        description="Every browser signed in as you is signed out, this one too. API tokens keep working; revoke them below if one may have leaked."
        confirmLabel="Sign out everywhere"
        busy={action.busy}
        error={action.error}
        onConfirm={() => void confirm()}
        onClose={() => {
          action.clearError();
          setOpen(false);
        }}
      />
    </>
  );
}
