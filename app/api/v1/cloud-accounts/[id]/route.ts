import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { deleteCloudAccount, getCloudAccount, updateCloudAccount } from "@/lib/cloud-accounts/manage-cloud-accounts";
import { updateCloudAccountSchema } from "@/lib/cloud-accounts/schemas";
import { cloudAccountView } from "@/lib/cloud-accounts/api-schemas";
import { idParams, okAnswer } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

export const GET = route({ summary: "One cloud account (admins); secrets are never returned", params: idParams, response: cloudAccountView }, ({ caller, params }) => getCloudAccount(web().db, caller, params.id));

export const PATCH = route({ summary: "Change a cloud account (admins): name, regions, credentials, sharing", params: idParams, body: updateCloudAccountSchema, response: cloudAccountView }, ({ caller, params, body, context }) =>
  updateCloudAccount(web().db, caller, { ...body, id: params.id, encryptionKey: web().encryptionKeys, context }),
);

export const DELETE = route({ summary: "Delete a cloud account no environment uses (admins)", params: idParams, response: okAnswer }, async ({ caller, params, context }) => {
  await deleteCloudAccount(web().db, caller, { id: params.id, context });
  return { ok: true };
});
