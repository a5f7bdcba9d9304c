import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { doraMetricsQuerySchema } from "@/lib/deployments/dora-bands";
import { getDoraMetrics } from "@/lib/deployments/dora-metrics";

export const dynamic = "force-dynamic";

/** The service's DORA metrics over `window` (7d, 30d or 90d UTC days, default 30d): figures, per-day series and bands. */
export const GET = route({ query: doraMetricsQuerySchema }, ({ caller, params, query }) => getDoraMetrics(web().db, caller, { service: params.id!, window: query.window }));
