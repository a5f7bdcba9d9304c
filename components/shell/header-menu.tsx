"use client";
import Link from "next/link";
import { signOut } from "next-auth/react";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { cn } from "../ui/cn";

export type MenuItem = { label: string; href: string; external?: boolean } | { label: string; signOut: true };

/**
 * A button that opens a short list of links (the disclosure pattern: a real button with
 * aria-expanded and a list, which keyboard and screen-reader users operate as they expect);
 * Escape and a click elsewhere close it.
 */
export function HeaderMenu({ label, button, items, align = "right" }: { label: string; button: ReactNode; items: MenuItem[]; align?: "left" | "right" }) {
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const listId = useId();
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);
  const itemClass = "block w-full rounded px-3 py-1.5 text-left text-sm text-slate-700 hover:bg-slate-100 hover:text-slate-900";
  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((value) => !value)}
        className="flex items-center gap-2 rounded-md px-2 py-1 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      >
        {button}
      </button>
      <ul id={listId} hidden={!open} className={cn("absolute z-30 mt-1 min-w-44 rounded-md border border-slate-200 bg-white p-1 shadow-lg", align === "right" ? "right-0" : "left-0")}>
        {items.map((item) => (
          <li key={item.label}>
            {"signOut" in item ? (
              <button
                type="button"
                className={itemClass}
                disabled={signingOut}
                onClick={() => {
                  setSigningOut(true);
                  void signOut({ callbackUrl: "/signin" });
                }}
              >
                {signingOut ? "Signing out…" : item.label}
              </button>
            ) : item.external ? (
              <a href={item.href} className={itemClass} onClick={() => setOpen(false)}>
                {item.label}
              </a>
            ) : (
              <Link href={item.href} className={itemClass} onClick={() => setOpen(false)}>
                {item.label}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
