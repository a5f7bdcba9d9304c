import type { Metadata } from "next";
import { param } from "@/app/_ui/session";
import { web } from "@/app/_server/runtime";
import { findInvitation } from "@/lib/identity/invite-accept";
import { MIN_PASSWORD_LENGTH } from "@/lib/identity/change-password";
import { InviteForm } from "@/components/auth/invite-form";
import { Logo } from "@/components/shell/logo";
import { Alert } from "@/components/ui/alert";

export const metadata: Metadata = { title: "Join Hangar" };
export const dynamic = "force-dynamic";

// An invitee's one-time link: who it is for, and a password to set.
export default async function InvitePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const token = param((await searchParams).token);
  const invitation = await findInvitation(web().db, token);
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-gradient-to-b from-slate-50 to-slate-100 px-4">
      <div className="w-full max-w-md">
        <div className="mb-8 flex flex-col items-center text-center">
          <Logo className="size-10" />
          <h1 className="mt-4 text-xl font-semibold tracking-tight">Join Hangar</h1>
          <p className="mt-1 text-sm text-slate-600">{invitation.state === "ready" ? `Set a password for ${invitation.email}` : "Accept an invitation"}</p>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          {invitation.state === "ready" && token ? (
            <InviteForm token={token} name={invitation.name} minPasswordLength={MIN_PASSWORD_LENGTH} />
          ) : (
            <Alert title="This invitation link is not valid">It is expired, already used, or replaced by a newer one. Ask your administrator for a new link.</Alert>
          )}
        </div>
      </div>
    </main>
  );
}
