import type { Metadata } from "next";
import Link from "next/link";
import { param } from "@/app/_ui/session";
import { web } from "@/app/_server/runtime";
import { setupLinkStatus } from "@/lib/identity/setup-link";
import { MIN_ADMIN_PASSWORD_LENGTH } from "@/lib/identity/setup-link-complete";
import { SetupForm } from "@/components/auth/setup-form";
import { Logo } from "@/components/shell/logo";
import { Alert } from "@/components/ui/alert";
import { buttonStyles } from "@/components/ui/button";

export const metadata: Metadata = { title: "Set up Hangar" };
export const dynamic = "force-dynamic";

// The first admin of an install without the demo seed: opened from the link migrate printed.
export default async function SetupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const token = param((await searchParams).token);
  const status = await setupLinkStatus(web().db, token);
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-gradient-to-b from-slate-50 to-slate-100 px-4">
      <div className="w-full max-w-md">
        <div className="mb-8 flex flex-col items-center text-center">
          <Logo className="size-10" />
          <h1 className="mt-4 text-xl font-semibold tracking-tight">Set up Hangar</h1>
          <p className="mt-1 text-sm text-slate-600">Create the first administrator</p>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          {status === "ready" && token ? (
            <SetupForm token={token} minPasswordLength={MIN_ADMIN_PASSWORD_LENGTH} />
          ) : status === "admin-exists" ? (
            <div className="space-y-4">
              <Alert tone="info" title="Hangar already has an administrator">
                This setup link no longer works. Sign in, or ask an admin for an account.
              </Alert>
              <Link href="/signin" className={buttonStyles("primary")}>
                Go to sign-in
              </Link>
            </div>
          ) : (
            <Alert title="This setup link is not valid">
              It is expired, used, or not the latest one printed. Run the migrate step again for a new link (
              <code>docker compose run --rm migrate</code>, or restart <code>npm start</code>) and open the link it prints.
            </Alert>
          )}
        </div>
      </div>
    </main>
  );
}
