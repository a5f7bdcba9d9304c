import { z } from "zod";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { listTemplates } from "@/lib/templates/list-templates";

export const dynamic = "force-dynamic";

const query = z
  .object({
    search: z.string().trim().max(100).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

export const GET = route({ query }, async ({ query }) => {
  const { items, total } = await listTemplates(web().db, { search: query.search, take: query.pageSize, skip: (query.page - 1) * query.pageSize });
  return { items, total, page: query.page, pageSize: query.pageSize, pageCount: Math.max(1, Math.ceil(total / query.pageSize)) };
});
