// A release from CI: POST /api/v1/services/:id/webhook, authenticated by the HMAC signature of
// the raw body with the service's webhook secret (no session or token). A delivery id seen
// before answers with the release it created and writes nothing, so a CI retry is harmless.
// The release is written by the same function as the API's, by the "webhook" actor, audited.
// With `"deploy": true` the release is also deployed to the first stage of the service's pipeline
// in the same transaction (no pipeline: a 409 at deploy and nothing written, not even the release).
import type { Db } from "../../db/client";
import { newId } from "../../db/ids";
import type { RequestContext } from "../../audit/record-audit-event";
import { z } from "zod";
import { Conflict, Invalid, NotFound, Unauthenticated } from "../../errors";
import { invalidFromZod } from "../../errors/zod-issues";
import { deployToFirstStage, type FirstStageDeployment } from "../../pipelines/deploy-first-stage";
import type { OutboxJob } from "../../queue/outbox";
import { decryptSecret, secretContext, type EncryptionKeys } from "../../security/secret-box";
import { insertRelease } from "../create-release";
import { releaseView, releaseViewInclude, type ReleaseView } from "../release-view";
import { createReleaseSchema } from "../schemas";
import { checkWebhookSignature } from "./signature";

export const WEBHOOK_ACTOR = "webhook";
export const MAX_DELIVERY_ID = 200;
const DELIVERY_ID = /^[\x21-\x7e]+$/;

/** The release as the API takes it, and whether to deploy it to the pipeline's first stage. */
export const webhookBodySchema = createReleaseSchema.extend({ deploy: z.boolean("must be true or false").default(false) });

export type WebhookDeployment = { id: string; runId: string | null; state: string };

export type WebhookDelivered = {
  duplicate: boolean;
  release: ReleaseView;
  /** The deployment `"deploy": true` asked for (on a replay, the one the first delivery made). */
  deployment: WebhookDeployment | null;
  /** The deploy run's job, for the caller to enqueue after the commit. */
  outbox: OutboxJob | null;
};

export async function receiveReleaseWebhook(
  db: Db,
  input: { service: string; body: string; signature: string | null; deliveryId: string | null; encryptionKey: EncryptionKeys; context?: RequestContext },
): Promise<WebhookDelivered> {
  const service = await db.service.findUnique({
    where: { id: input.service },
    select: { id: true, name: true, teamId: true, webhookSecretEnc: true },
  });
  if (!service) throw new NotFound(`Service ${input.service} not found; the webhook URL names a service by its id`, [{ path: "service", message: "not found" }]);
  const check = checkWebhookSignature(input.body, input.signature, secretOf(service.id, service.webhookSecretEnc, input.encryptionKey));
  if (!check.ok) throw new Unauthenticated(`Webhook refused: ${check.problem}`, [{ path: "headers.X-Hangar-Signature", message: check.problem }]);
  const deliveryId = requireDeliveryId(input.deliveryId);

  const seen = await deliveredRelease(db, service.id, deliveryId);
  if (seen) return replay(db, seen);

  const { deploy, ...release } = parseRelease(input.body);
  let deployment: FirstStageDeployment | null = null;
  try {
    const created = await insertRelease(db, service, release, {
      author: { system: WEBHOOK_ACTOR },
      context: input.context,
      audit: { deliveryId, ...(deploy ? { deploy: true } : {}) },
      alsoWrite: async (tx, releaseId) => {
        await tx.webhookDelivery.create({ data: { id: newId(), serviceId: service.id, deliveryId, releaseId } });
        if (deploy) deployment = await deployToFirstStage(tx, { serviceId: service.id, releaseId, actor: { system: WEBHOOK_ACTOR }, context: input.context });
      },
    });
    const queued = deployment as FirstStageDeployment | null;
    return {
      duplicate: false,
      release: created,
      deployment: queued ? { id: queued.id, runId: queued.runId, state: queued.state } : null,
      outbox: queued?.outbox ?? null,
    };
  } catch (error) {
    // Two copies of one delivery at once: the one that lost the race answers as a replay.
    if (error instanceof Conflict) {
      const raced = await deliveredRelease(db, service.id, deliveryId);
      if (raced) return replay(db, raced);
    }
    throw error;
  }
}

/** A delivery seen before: its release, and the deployment it made (nothing is deployed again). */
async function replay(db: Db, release: ReleaseView): Promise<WebhookDelivered> {
  const deployment = await db.deployment.findFirst({
    where: { releaseId: release.id, source: "webhook" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, runId: true, state: true },
  });
  return { duplicate: true, release, deployment, outbox: null };
}

function secretOf(serviceId: string, sealed: string | null, encryptionKey: EncryptionKeys): string {
  if (!sealed) {
    throw new Unauthenticated("Webhook refused: no webhook secret configured for this service; create one with POST /api/v1/services/:id/webhook-secret", [
      { path: "headers.X-Hangar-Signature", message: "no webhook secret configured" },
    ]);
  }
  try {
    return decryptSecret(sealed, encryptionKey, secretContext("Service", "webhookSecretEnc", serviceId));
  } catch {
    // Sealed with another HANGAR_ENCRYPTION_KEY: nothing can verify against it until it is rotated.
    throw new Unauthenticated("Webhook refused: this service's webhook secret cannot be read with the server's encryption key; rotate it", [
      { path: "headers.X-Hangar-Signature", message: "webhook secret unreadable; rotate it" },
    ]);
  }
}

function requireDeliveryId(header: string | null): string {
  const value = header?.trim() ?? "";
  const problem = !value
    ? "is required: a unique id per delivery (a retry of the same delivery sends the same id)"
    : value.length > MAX_DELIVERY_ID
      ? `must be at most ${MAX_DELIVERY_ID} characters`
      : !DELIVERY_ID.test(value)
        ? "must be printable ASCII without spaces"
        : null;
  if (problem) throw new Invalid(`headers.X-Hangar-Delivery: ${problem}`, [{ path: "headers.X-Hangar-Delivery", message: problem }]);
  return value;
}

function parseRelease(body: string) {
  let json: unknown;
  try {
    json = body ? JSON.parse(body) : {};
  } catch {
    throw new Invalid("Request body is not valid JSON", [{ path: "body", message: "not valid JSON" }]);
  }
  const parsed = webhookBodySchema.safeParse(json);
  if (!parsed.success) throw invalidFromZod(parsed.error);
  return parsed.data;
}

async function deliveredRelease(db: Db, serviceId: string, deliveryId: string): Promise<ReleaseView | null> {
  const delivery = await db.webhookDelivery.findUnique({
    where: { serviceId_deliveryId: { serviceId, deliveryId } },
    select: { release: { include: releaseViewInclude } },
  });
  return delivery ? releaseView(delivery.release) : null;
}
