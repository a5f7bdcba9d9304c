import { NextResponse } from "next/server";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { createCloudAccount, listCloudAccountChoices, listCloudAccounts } from "@/lib/cloud-accounts/manage-cloud-accounts";
import { createCloudAccountSchema } from "@/lib/cloud-accounts/schemas";

export const dynamic = "force-dynamic";

/** Everyone may see which accounts and regions exist (the request form needs them); admins see the details. */
export const GET = route({}, async ({ caller }) => ({
  items: caller.isAdmin ? await listCloudAccounts(web().db, caller) : await listCloudAccountChoices(web().db, caller),
}));

export const POST = route({ body: createCloudAccountSchema }, async ({ caller, body, context }) => {
  const account = await createCloudAccount(web().db, caller, { ...body, encryptionKey: web().encryptionKeys, context });
  return NextResponse.json(account, { status: 201 });
});
