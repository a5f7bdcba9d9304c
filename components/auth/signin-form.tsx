"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { useHydrated } from "../ui/use-hydrated";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // A click before hydration would submit the form natively, putting the password in the URL.
  const hydrated = useHydrated();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const text = (key: string) => {
        const value = form.get(key);
        return typeof value === "string" ? value : "";
      };
      const result = await signIn("credentials", { email: text("email"), password: text("password"), redirect: false });
      if (!result || result.error || !result.ok) {
        // next-auth reports a refused password as "CredentialsSignin"; a throttle's own message says when to retry.
        const throttled = result?.error?.startsWith("Too many") ? result.error : null;
        setError(throttled ?? "Wrong email or password, or the account is disabled");
        setPending(false);
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
      setPending(false);
    }
  };

  return (
    <form method="post" onSubmit={(event) => void submit(event)} className="space-y-4">
      {error && <Alert>{error}</Alert>}
      <div>
        <label htmlFor="email" className="mb-1.5 block text-sm font-medium text-slate-800">
          Email
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required autoFocus className="input" placeholder="you@company.com" />
      </div>
      <div>
        <label htmlFor="password" className="mb-1.5 block text-sm font-medium text-slate-800">
          Password
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className="input" />
      </div>
      <Button type="submit" variant="primary" className="w-full" disabled={pending || !hydrated}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
