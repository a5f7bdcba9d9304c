import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { doraMetricsQuerySchema } from "@/lib/deployments/dora-bands";
import { getDoraMetrics } from "@/lib/deployments/dora-metrics";
import { doraMetricsView } from "@/lib/deployments/api-schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

export const GET = route(
  { summary: "The service's DORA metrics over `window` (7d, 30d or 90d UTC days, default 30d): figures, per-day series and bands", params: idParams, query: doraMetricsQuerySchema, response: doraMetricsView },
  ({ caller, params, query }) => getDoraMetrics(web().db, caller, { service: params.id, window: query.window }));
