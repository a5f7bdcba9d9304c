"use client";
import { useEffect } from "react";
import { Button, ButtonLink } from "@/components/ui/button";

/** Something failed while loading this page (database down, a bug): say so and offer a retry. */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => console.error(error), [error]);
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-white px-6 py-12 text-center">
      <p className="font-mono text-sm text-red-600">Error</p>
      <h1 className="mt-1 text-xl font-semibold tracking-tight">This page could not be loaded</h1>
      <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">
        Hangar hit a problem while loading it — often a database or Redis that is briefly unavailable. Nothing you did was lost. Try again; if it keeps failing, an administrator can look up
        the reference below in the server logs.
      </p>
      {error.digest && <p className="mt-3 font-mono text-xs text-slate-500">Reference: {error.digest}</p>}
      <div className="mt-6 flex justify-center gap-2">
        <Button variant="primary" onClick={reset}>
          Try again
        </Button>
        <ButtonLink href="/environments">Go to environments</ButtonLink>
      </div>
    </div>
  );
}
