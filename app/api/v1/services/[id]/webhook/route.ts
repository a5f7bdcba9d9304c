import { NextResponse, type NextRequest } from "next/server";
import { readRawBody } from "@/app/_server/raw-body";
import { errorResponse, requestContext } from "@/app/_server/route";
import { enqueueNow, web } from "@/app/_server/runtime";
import { receiveReleaseWebhook } from "@/lib/releases/webhook/receive-release-webhook";
import { DELIVERY_HEADER, SIGNATURE_HEADER } from "@/lib/releases/webhook/signature";
import { withContract } from "@/lib/api-contract/operation";
import { idParams } from "@/lib/api-contract/common-schemas";
import { webhookAnswer } from "@/lib/releases/api-schemas";
import { webhookBodySchema } from "@/lib/releases/webhook/receive-release-webhook";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 256 * 1024;

// A release from CI. No session or token: the X-Hangar-Signature of the raw body is the
// authentication, so the body is read as sent and parsed only after the signature checks out.
async function receive(request: NextRequest, segment: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await segment.params;
    const body = await readRawBody(request, MAX_BODY_BYTES);
    const { duplicate, release, deployment, outbox } = await receiveReleaseWebhook(web().db, {
      service: id,
      body,
      signature: request.headers.get(SIGNATURE_HEADER),
      deliveryId: request.headers.get(DELIVERY_HEADER),
      encryptionKey: web().encryptionKeys,
      context: requestContext(request),
    });
    if (outbox) await enqueueNow(outbox);
    if (duplicate) return NextResponse.json({ duplicate: true, release, deployment });
    const location = `/api/v1/services/${release.service.id}/releases/${encodeURIComponent(release.version)}`;
    return NextResponse.json({ duplicate: false, release, deployment }, { status: 201, headers: { location } });
  } catch (error) {
    return errorResponse(error);
  }
}

export const POST = withContract(receive, {
  summary: "A release from CI, signed with the service's webhook secret (no session or token)",
  description:
    "Headers: `X-Hangar-Signature: sha256=<HMAC-SHA256 of the raw body>` and an `X-Hangar-Delivery` id. 201 with the release; a delivery id seen before is 200 with `duplicate: true`; a bad signature is 401. With `\"deploy\": true` the release is also deployed to the pipeline's first stage.",
  public: true,
  params: idParams,
  documentedBody: webhookBodySchema,
  response: webhookAnswer,
  status: [201, 200],
});
