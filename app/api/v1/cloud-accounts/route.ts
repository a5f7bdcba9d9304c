import { NextResponse } from "next/server";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { createCloudAccount, listCloudAccountChoices, listCloudAccounts } from "@/lib/cloud-accounts/manage-cloud-accounts";
import { createCloudAccountSchema } from "@/lib/cloud-accounts/schemas";
import { cloudAccountList, cloudAccountView } from "@/lib/cloud-accounts/api-schemas";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    summary: "The cloud accounts and regions you may use",
    description: "Everyone may see which accounts and regions exist (the request form needs them); admins see the details.",
    response: cloudAccountList,
  },
  async ({ caller }) => ({
  items: caller.isAdmin ? await listCloudAccounts(web().db, caller) : await listCloudAccountChoices(web().db, caller),
}));

export const POST = route({ summary: "Add a cloud account (admins); a secret key is sealed and never returned", body: createCloudAccountSchema, response: cloudAccountView, status: 201 }, async ({ caller, body, context }) => {
  const account = await createCloudAccount(web().db, caller, { ...body, encryptionKey: web().encryptionKeys, context });
  return NextResponse.json(account, { status: 201 });
});
