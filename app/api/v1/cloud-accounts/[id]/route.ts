import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { deleteCloudAccount, getCloudAccount, updateCloudAccount } from "@/lib/cloud-accounts/manage-cloud-accounts";
import { updateCloudAccountSchema } from "@/lib/cloud-accounts/schemas";

export const dynamic = "force-dynamic";

export const GET = route({}, ({ caller, params }) => getCloudAccount(web().db, caller, params.id!));

export const PATCH = route({ body: updateCloudAccountSchema }, ({ caller, params, body, context }) =>
  updateCloudAccount(web().db, caller, { ...body, id: params.id!, encryptionKey: web().encryptionKeys, context }),
);

export const DELETE = route({}, async ({ caller, params, context }) => {
  await deleteCloudAccount(web().db, caller, { id: params.id!, context });
  return { ok: true };
});
