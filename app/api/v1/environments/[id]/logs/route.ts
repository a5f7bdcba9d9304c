import { z } from "zod";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { getEnvironmentLogs } from "@/lib/runs/get-run-logs";
import { logLine } from "@/lib/runs/api-schemas";
import { bigintIdText, idParams, itemsOf } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

const query = z
  .object({
    run: z.string().uuid().optional(),
    after: bigintIdText("must be a log line id").optional(),
    limit: z.coerce.number().int().min(1).max(2000).default(500),
  })
  .strict();

export const GET = route({ summary: "Log lines of an environment's runs after a cursor (`after`), optionally of one `run`", params: idParams, query, response: itemsOf(logLine) }, async ({ caller, params, query }) => ({
  items: await getEnvironmentLogs(web().db, caller, {
    environmentId: params.id,
    runId: query.run,
    afterId: query.after ? BigInt(query.after) : undefined,
    limit: query.limit,
  }),
}));
