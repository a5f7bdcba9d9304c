import type { NextRequest } from "next/server";
import { NotFound, Unauthenticated } from "@/lib/errors";
import { metricsAccess } from "@/lib/metrics/metrics-access";
import { errorResponse } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";

export const dynamic = "force-dynamic";

// Prometheus scrapes with `authorization: { credentials: <HANGAR_METRICS_TOKEN> }`; see README "Security".
export async function GET(request: NextRequest): Promise<Response> {
  const { metrics, config } = web();
  const access = metricsAccess(config.HANGAR_METRICS_TOKEN, request.headers.get("authorization"));
  if (access === "disabled") {
    return errorResponse(new NotFound("Metrics are off: set HANGAR_METRICS_TOKEN (at least 24 characters) and scrape with Authorization: Bearer <token>"));
  }
  if (access === "denied") {
    const response = errorResponse(new Unauthenticated("Send Authorization: Bearer <HANGAR_METRICS_TOKEN> to read metrics"));
    response.headers.set("www-authenticate", 'Bearer realm="hangar-metrics"');
    return response;
  }
  return new Response(await metrics.registry.metrics(), { headers: { "content-type": metrics.registry.contentType } });
}
