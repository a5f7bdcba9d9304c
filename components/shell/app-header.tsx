import Link from "next/link";
import { Logo } from "./logo";
import { NavLinks } from "./nav-links";
import { HeaderMenu } from "./header-menu";

export type ShellUser = { name: string; email: string; isAdmin: boolean };

export function AppHeader({ user }: { user: ShellUser }) {
  const links = [
    { href: "/environments", label: "Environments" },
    { href: "/services", label: "Services" },
    { href: "/deployments", label: "Deployments" },
    // A template's own pages (/templates/<slug>) belong to the catalog.
    { href: "/catalog", label: "Catalog", also: ["/templates"] },
    ...(user.isAdmin ? [{ href: "/cloud-accounts", label: "Cloud accounts" }, { href: "/admin/users", label: "Admin", also: ["/admin"] }] : []),
  ];
  const initials = user.name
    .split(/\s+/)
    .map((part) => part.charAt(0))
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/90 backdrop-blur">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        Skip to content
      </a>
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-2 sm:h-14 sm:flex-nowrap sm:py-0 sm:px-6 lg:px-8">
        <Link href="/environments" className="flex items-center gap-2 font-semibold tracking-tight">
          <Logo className="size-7" />
          <span>Hangar</span>
        </Link>
        <div className="order-last -mx-3 w-full overflow-x-auto sm:order-none sm:mx-0 sm:w-auto">
          <NavLinks links={links} />
        </div>
        <div className="ml-auto flex items-center gap-1">
          {/* The API reference is a plain document outside the app (no client-side navigation). */}
          <HeaderMenu
            label="Help"
            button="Help"
            items={[
              { label: "API reference", href: "/api/docs", external: true },
              { label: "CLI guide", href: "/help/cli" },
            ]}
          />
          <HeaderMenu
            label="Account"
            button={
              <>
                <span className="hidden text-right leading-tight sm:block">
                  <span className="block text-sm font-medium text-slate-900">
                    {user.name}
                    {user.isAdmin && <span className="ml-1.5 rounded bg-indigo-50 px-1.5 py-0.5 text-[10px] font-semibold tracking-wide text-indigo-700 uppercase">Admin</span>}
                  </span>
                  <span className="block text-xs font-normal text-slate-500">{user.email}</span>
                </span>
                <span className="flex size-8 items-center justify-center rounded-full bg-slate-200 text-xs font-semibold text-slate-700" aria-hidden>
                  {initials}
                </span>
              </>
            }
            items={[{ label: "Settings", href: "/settings" }, { label: "Sign out", signOut: true }]}
          />
        </div>
      </div>
    </header>
  );
}
