import type { Metadata } from "next";
import { web } from "@/app/_server/runtime";
import { requireSignedIn } from "@/app/_ui/session";
import { toJson } from "@/components/jsonify";
import { PasswordForm } from "@/components/settings/password-form";
import { ProfileForm } from "@/components/settings/profile-form";
import { SignOutEverywhere } from "@/components/settings/sign-out-everywhere";
import { TokensPanel } from "@/components/settings/tokens-panel";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { listApiTokens } from "@/lib/identity/api-tokens";
import { MIN_PASSWORD_LENGTH } from "@/lib/identity/change-password";
import { listTeams } from "@/lib/identity/set-user-roles";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  const caller = await requireSignedIn("/settings");
  const { db } = web();
  // Team admins manage their teams' service tokens; site admins every team's.
  const teams = caller.isAdmin
    ? await listTeams(db, caller)
    : caller.memberships.filter((m) => m.role === "admin").map((m) => ({ id: m.teamId, name: m.teamName }));
  const tokens = await listApiTokens(db, caller);
  return (
    <>
      <PageHeader title="Settings" description="Your profile, password, sessions and API tokens." />
      <div className="grid gap-6 lg:grid-cols-2">
        <Section title="Profile" id="profile" bodyClassName="p-4">
          <ProfileForm name={caller.name} email={caller.email} />
        </Section>
        <Section title="Password" id="password" bodyClassName="p-4">
          <PasswordForm minLength={MIN_PASSWORD_LENGTH} />
        </Section>
        <Section title="Sessions" id="sessions" bodyClassName="flex flex-wrap items-center justify-between gap-4 p-4" className="lg:col-span-2">
          <p className="max-w-xl text-sm text-slate-600">Left signed in on another computer? End every session of yours at once, this one included.</p>
          <SignOutEverywhere />
        </Section>
        <Section title="API tokens" id="tokens" className="lg:col-span-2">
          <TokensPanel initial={toJson(tokens)} teams={teams.map((team) => ({ id: team.id, name: team.name }))} />
        </Section>
      </div>
    </>
  );
}
