import type { Metadata } from "next";
import { orNotFound } from "@/app/_ui/page-errors";
import Link from "next/link";
import { web } from "@/app/_server/runtime";
import { param, requireSignedIn } from "@/app/_ui/session";
import { specKeyOrder } from "@/app/_ui/spec-key-order";
import { UpgradeReview } from "@/components/environments/upgrade/upgrade-review";
import { toJson } from "@/components/jsonify";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getEnvironment } from "@/lib/environments/get-environment";
import { planUpgrade } from "@/lib/environments/plan-upgrade";
import { upgradeTargets } from "@/lib/environments/upgrade-targets";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Upgrade environment" };

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The upgrade plan first; applying it is a separate, explicit step. */
export default async function UpgradePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { id } = await params;
  const asked = Number(param((await searchParams).toVersion));
  const caller = await requireSignedIn(`/environments/${id}/upgrade`);
  const { db } = web();
  const [environment, { fromVersion, targets }] = await orNotFound(Promise.all([getEnvironment(db, caller, id), upgradeTargets(db, caller, id)]));
  const back = (
    <Link href={`/environments/${environment.id}`} className="hover:text-slate-900 hover:underline">
      {environment.name}
    </Link>
  );
  if (targets.length === 0) {
    return (
      <>
        <PageHeader eyebrow={back} title="Upgrade" />
        <EmptyState title="No version to move to" action={<ButtonLink href={`/environments/${environment.id}`}>Back to {environment.name}</ButtonLink>}>
          Every version of {environment.template.name} from {fromVersion} on is deprecated. Ask its platform team to publish one.
        </EmptyState>
      </>
    );
  }
  const initialVersion = targets.some((t) => t.version === asked) ? asked : targets[0]!.version;
  let initialPlan = null;
  let initialFailure = null;
  try {
    initialPlan = toJson((await planUpgrade(db, caller, { environmentId: environment.id, toVersion: initialVersion, live: { providers: web().providers } })).view);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    initialFailure = { message: error.message, issues: error.issues };
  }
  return (
    <>
      <PageHeader
        eyebrow={back}
        title={`Upgrade ${environment.name}`}
        description={`${environment.template.name}, version ${fromVersion}. Read the plan, then apply it: new instances start first, the old ones go only once the new ones run.`}
      />
      <UpgradeReview
        environment={{ id: environment.id, name: environment.name, parameters: environment.parameters }}
        fromVersion={fromVersion}
        targets={targets.map((t) => ({ version: t.version, changeNote: t.changeNote, parameters: t.parameters, parameterOrder: specKeyOrder(t.source).parameters }))}
        initialVersion={initialVersion}
        initialPlan={initialPlan}
        initialFailure={initialFailure}
        canWrite={environment.canWrite}
      />
    </>
  );
}
