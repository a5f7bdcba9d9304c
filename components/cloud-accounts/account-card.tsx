"use client";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { Button } from "../ui/button";
import { Modal } from "../ui/modal";
import { AccountForm } from "./account-form";
import { DeleteAccountButton } from "./delete-account-button";
import { TestStatus } from "./test-status";
import { CREDENTIAL_SOURCES, type AccountJson, type CredentialSource, type TeamOption } from "./types";

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm break-words text-slate-900">{children}</dd>
    </div>
  );
}

function credentialsText(account: AccountJson): ReactNode {
  const label = CREDENTIAL_SOURCES[account.credentialSource as CredentialSource]?.label ?? account.credentialSource;
  if (account.credentialSource === "static") {
    return (
      <>
        {label} <span className="font-mono text-xs text-slate-600">{account.accessKeyId}</span>
        <span className="block text-xs text-slate-500">{account.hasSecret ? "secret stored (encrypted)" : "no secret stored"}</span>
      </>
    );
  }
  if (account.credentialSource === "env") {
    return (
      <>
        {label}
        <span className="block font-mono text-xs text-slate-600">
          {account.accessKeyIdEnv} / {account.secretAccessKeyEnv}
        </span>
      </>
    );
  }
  return label;
}

function usersText(account: AccountJson): ReactNode {
  const owner = account.ownerTeam ? <span className="font-medium">{account.ownerTeam.name}</span> : <span className="text-slate-500">no owner team</span>;
  const shared = account.sharedWith === "all" ? "all teams" : account.sharedWith.map((t) => t.name).join(", ");
  return (
    <>
      {owner}
      {shared && <span className="block text-xs text-slate-600">shared with {shared}</span>}
    </>
  );
}

export function AccountCard({ account, teams, envPrefix }: { account: AccountJson; teams: TeamOption[]; envPrefix: string }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  return (
    <article aria-labelledby={`account-${account.id}`} className="rounded-lg border border-slate-200 bg-white shadow-xs">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 px-5 py-3">
        <div className="flex items-center gap-2">
          <h2 id={`account-${account.id}`} className="font-mono text-base font-semibold">
            {account.name}
          </h2>
          <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{account.provider}</span>
          {account.isDefault && <span className="rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-700 ring-1 ring-indigo-600/20 ring-inset">default</span>}
        </div>
        <div className="flex items-center gap-2">
          <Button size="sm" onClick={() => setEditing(true)} aria-label={`Edit ${account.name}`}>
            Edit
          </Button>
          <DeleteAccountButton account={account} />
        </div>
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-4 px-5 py-4 md:grid-cols-3 lg:grid-cols-6">
        <Item label="Regions">
          <span className="flex flex-wrap gap-1">
            {account.regions.map((region) => (
              <span key={region} className={region === account.defaultRegion ? "rounded bg-slate-900 px-1.5 py-0.5 font-mono text-xs text-white" : "rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700"} title={region === account.defaultRegion ? "Default region" : undefined}>
                {region}
              </span>
            ))}
          </span>
        </Item>
        <Item label="Default region">
          <span className="font-mono">{account.defaultRegion}</span>
        </Item>
        <Item label="Endpoint">{account.endpoint ? <span className="font-mono text-xs">{account.endpoint}</span> : <span className="text-slate-500">AWS default</span>}</Item>
        <Item label="Credentials">{credentialsText(account)}</Item>
        <Item label="Teams">{usersText(account)}</Item>
        <Item label="Rate limits">{account.rateLimitMode === "off" ? "Off" : "AWS request limits"}</Item>
      </dl>
      <TestStatus account={account} />
      <Modal open={editing} onClose={() => setEditing(false)} title={`Edit ${account.name}`} description="Leave the secret blank to keep the stored one." className="w-[min(40rem,calc(100vw-2rem))]">
        <AccountForm
          account={account}
          teams={teams}
          envPrefix={envPrefix}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            router.refresh();
          }}
        />
      </Modal>
    </article>
  );
}
