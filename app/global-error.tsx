"use client";
import "./globals.css";

/** Last resort when even the root layout fails: plain markup, no shared components. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="flex min-h-screen items-center justify-center bg-slate-50 px-4 font-sans text-slate-900">
        <div role="alert" className="max-w-md text-center">
          <h1 className="text-xl font-semibold">Hangar could not load</h1>
          <p className="mt-2 text-sm text-slate-600">The server hit an unexpected error. Try again in a moment.</p>
          {error.digest && <p className="mt-3 font-mono text-xs text-slate-500">Reference: {error.digest}</p>}
          <button type="button" onClick={reset} className="mt-6 rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white">
            Try again
          </button>
        </div>
      </body>
    </html>
  );
}
