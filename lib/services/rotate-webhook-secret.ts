// Create or replace a service's CI webhook secret (developer or above in its team). The secret
// is returned once, to show to the person who asked; only its sealed form is stored, so a
// leaked database or audit export does not let anyone sign releases. Replacing it makes the
// old one stop working at once.
import type { Db } from "../db/client";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event";
import type { Caller } from "../identity/caller";
import { newWebhookSecret } from "../releases/webhook/signature";
import { encryptSecret, secretContext, type EncryptionKeys } from "../security/secret-box";
import { findWritableService } from "./find-service";

export type WebhookSecretIssued = {
  service: { id: string; name: string };
  /** Shown this once; Hangar cannot show it again. */
  secret: string;
  rotatedAt: Date;
  /** True when it replaced an earlier secret (which no longer verifies). */
  replaced: boolean;
  webhookUrl: string;
};

export async function rotateWebhookSecret(
  db: Db,
  caller: Caller,
  input: { service: string; encryptionKey: EncryptionKeys; context?: RequestContext },
): Promise<WebhookSecretIssued> {
  const service = await findWritableService(db, caller, input.service);
  const secret = newWebhookSecret();
  const rotatedAt = new Date();
  const replaced = service.webhookSecretRotatedAt !== null;
  await db.$transaction(async (tx) => {
    await tx.service.update({ where: { id: service.id }, data: { webhookSecretEnc: encryptSecret(secret, input.encryptionKey, secretContext("Service", "webhookSecretEnc", service.id)), webhookSecretRotatedAt: rotatedAt } });
    // The audit row says that it changed and when, never the value (sealed or not).
    await recordAuditEvent(tx, {
      actor: { id: caller.userId, email: caller.email },
      action: replaced ? "service.webhook.rotate" : "service.webhook.create",
      target: { type: "service", id: service.id },
      teamId: service.teamId,
      before: replaced ? { webhookRotatedAt: service.webhookSecretRotatedAt } : null,
      after: { service: service.name, webhookRotatedAt: rotatedAt },
      context: input.context,
    });
  });
  return { service: { id: service.id, name: service.name }, secret, rotatedAt, replaced, webhookUrl: `/api/v1/services/${service.id}/webhook` };
}
