import { z } from "zod";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { getEnvironmentLogs } from "@/lib/runs/get-run-logs";

export const dynamic = "force-dynamic";

const query = z
  .object({
    run: z.string().uuid().optional(),
    after: z.string().regex(/^\d+$/, "must be a log line id").optional(),
    limit: z.coerce.number().int().min(1).max(2000).default(500),
  })
  .strict();

export const GET = route({ query }, async ({ caller, params, query }) => ({
  items: await getEnvironmentLogs(web().db, caller, {
    environmentId: params.id!,
    runId: query.run,
    afterId: query.after ? BigInt(query.after) : undefined,
    limit: query.limit,
  }),
}));
