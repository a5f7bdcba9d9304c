import type { ReactNode } from "react";
import { cn } from "./cn";

const TONES = {
  error: "border-red-200 bg-red-50 text-red-800",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  success: "border-emerald-200 bg-emerald-50 text-emerald-800",
  info: "border-slate-200 bg-slate-50 text-slate-700",
};

export function Alert({ tone = "error", title, children, className, live = true }: { tone?: keyof typeof TONES; title?: ReactNode; children?: ReactNode; className?: string; live?: boolean }) {
  return (
    <div role={live ? (tone === "error" ? "alert" : "status") : undefined} className={cn("rounded-md border px-4 py-3 text-sm", TONES[tone], className)}>
      {title && <p className="font-medium">{title}</p>}
      {children && <div className={cn(Boolean(title) && "mt-1")}>{children}</div>}
    </div>
  );
}
