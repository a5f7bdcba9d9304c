"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "../ui/button";
import { Modal } from "../ui/modal";
import { AccountForm } from "./account-form";
import type { TeamOption } from "./types";

export function AddAccountButton({ teams, envPrefix }: { teams: TeamOption[]; envPrefix: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="primary" onClick={() => setOpen(true)}>
        Add account
      </Button>
      <Modal open={open} onClose={() => setOpen(false)} title="Add cloud account" description="Connect an AWS account or an EC2-compatible endpoint such as the sandbox." className="w-[min(40rem,calc(100vw-2rem))]">
        <AccountForm
          teams={teams}
          envPrefix={envPrefix}
          onCancel={() => setOpen(false)}
          onSaved={() => {
            setOpen(false);
            router.refresh();
          }}
        />
      </Modal>
    </>
  );
}
