"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { useApiAction } from "../use-api-action";
import type { AccountJson } from "./types";

export function DeleteAccountButton({ account }: { account: AccountJson }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { busy, error, clearError, run } = useApiAction();

  const remove = async () => {
    // 409: the account still has (or had) environments; the API says which.
    const result = await run(`/api/v1/cloud-accounts/${account.id}`, { method: "DELETE" });
    if (!result.ok) return;
    setOpen(false);
    router.refresh();
  };

  return (
    <>
      <Button size="sm" variant="ghost" className="text-red-600 hover:bg-red-50 hover:text-red-700" onClick={() => { clearError(); setOpen(true); }} aria-label={`Delete ${account.name}`}>
        Delete
      </Button>
      <ConfirmDialog
        open={open}
        title={`Delete cloud account ${account.name}?`}
        description="Hangar forgets the account and its stored credentials. Accounts that environments use or used cannot be deleted."
        confirmLabel="Delete account"
        busy={busy}
        error={error}
        onConfirm={() => void remove()}
        onClose={() => !busy && setOpen(false)}
      />
    </>
  );
}
