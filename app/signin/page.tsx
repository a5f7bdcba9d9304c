import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentCaller } from "@/app/_server/caller";
import { safeCallbackPath } from "@/lib/identity/safe-callback";
import { param } from "@/app/_ui/session";
import { SignInForm } from "@/components/auth/signin-form";
import { signInNotice } from "@/components/auth/sign-in-notices";
import { Logo } from "@/components/shell/logo";
import { Alert } from "@/components/ui/alert";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const callbackUrl = safeCallbackPath(param(query.callbackUrl));
  const notice = signInNotice(param(query.notice));
  if (await currentCaller()) redirect(callbackUrl);
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-gradient-to-b from-slate-50 to-slate-100 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <Logo className="size-10" />
          <h1 className="mt-4 text-xl font-semibold tracking-tight">Sign in to Hangar</h1>
          <p className="mt-1 text-sm text-slate-600">Self-service environments for your team</p>
        </div>
        {notice && (
          <Alert tone="info" className="mb-4">
            {notice}
          </Alert>
        )}
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <SignInForm callbackUrl={callbackUrl} />
        </div>
      </div>
    </main>
  );
}
