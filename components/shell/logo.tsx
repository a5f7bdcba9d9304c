import { cn } from "../ui/cn";

/** A hangar roof over a box: the product mark, inline so no asset is fetched. */
export function Logo({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={cn("text-slate-900", className)} aria-hidden>
      <rect width="32" height="32" rx="8" fill="currentColor" />
      <path d="M6 15.5 16 8l10 7.5V24H6z" fill="none" stroke="white" strokeWidth="2" strokeLinejoin="round" />
      <path d="M11 24v-5.5h10V24" fill="none" stroke="#a5b4fc" strokeWidth="2" strokeLinejoin="round" />
    </svg>
  );
}
