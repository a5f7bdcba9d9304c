import Link from "next/link";
import { Logo } from "@/components/shell/logo";
import { buttonStyles } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 text-center">
      <Logo className="size-10" />
      <p className="mt-6 font-mono text-sm text-slate-500">404</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight">This page does not exist</h1>
      <p className="mt-2 max-w-md text-sm text-slate-600">The address may be mistyped, or what it pointed to was removed. Environments and templates have their own pages under the links below.</p>
      <div className="mt-6 flex gap-2">
        <Link href="/environments" className={buttonStyles("primary")}>
          Environments
        </Link>
        <Link href="/catalog" className={buttonStyles("secondary")}>
          Catalog
        </Link>
      </div>
    </main>
  );
}
