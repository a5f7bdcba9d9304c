import Link from "next/link";
import { cn } from "../ui/cn";

const TABS = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/audit", label: "Audit log" },
];

/** The admin area's two pages; the current one is marked for screen readers too. */
export function AdminTabs({ current }: { current: "/admin/users" | "/admin/audit" }) {
  return (
    <nav aria-label="Administration" className="mb-6 flex gap-1 border-b border-slate-200">
      {TABS.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={tab.href === current ? "page" : undefined}
          className={cn("-mb-px border-b-2 px-3 py-2 text-sm font-medium", tab.href === current ? "border-slate-900 text-slate-900" : "border-transparent text-slate-500 hover:text-slate-900")}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
