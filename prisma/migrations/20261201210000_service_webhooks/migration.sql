-- Releases from CI (issue 9): a service may have a webhook secret (sealed with
-- HANGAR_ENCRYPTION_KEY, never in plain text), and each delivery that created a release is
-- remembered by its id so a replay writes nothing.
ALTER TABLE "Service" ADD COLUMN "webhookSecretEnc" TEXT;
ALTER TABLE "Service" ADD COLUMN "webhookSecretRotatedAt" TIMESTAMP(3);

CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);
-- One release per delivery id and service: the replay check, and the guard when two copies race.
CREATE UNIQUE INDEX "WebhookDelivery_serviceId_deliveryId_key" ON "WebhookDelivery"("serviceId", "deliveryId");
-- Deleting a release (with its service) cascades here.
CREATE INDEX "WebhookDelivery_releaseId_idx" ON "WebhookDelivery"("releaseId");

ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;
