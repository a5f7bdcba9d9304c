import type { ReactNode } from "react";
import { currentCaller } from "@/app/_server/caller";
import { AppHeader } from "@/components/shell/app-header";

/** The signed-in shell. Pages check the session themselves (with a callback to come back to). */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const caller = await currentCaller();
  return (
    <div className="flex min-h-screen flex-col">
      {caller && <AppHeader user={{ name: caller.name, email: caller.email, isAdmin: caller.isAdmin }} />}
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-8 sm:px-6 lg:px-8">
        {children}
      </main>
    </div>
  );
}
