import { NextResponse } from "next/server";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { createCloudAccount, listCloudAccounts } from "@/lib/cloud-accounts/manage-cloud-accounts";
import { createCloudAccountSchema } from "@/lib/cloud-accounts/schemas";

export const dynamic = "force-dynamic";

/** Everyone may see which accounts and regions exist (the request form needs them); admins see the details. */
export const GET = route({}, async ({ caller }) => {
  const accounts = await listCloudAccounts(web().db);
  return {
    items: caller.isAdmin
      ? accounts
      : accounts.map(({ id, name, provider, regions, defaultRegion, isDefault }) => ({ id, name, provider, regions, defaultRegion, isDefault })),
  };
});

export const POST = route({ body: createCloudAccountSchema }, async ({ caller, body, context }) => {
  const account = await createCloudAccount(web().db, caller, { ...body, encryptionKey: web().config.HANGAR_ENCRYPTION_KEY, context });
  return NextResponse.json(account, { status: 201 });
});
