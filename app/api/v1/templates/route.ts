import { z } from "zod";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { listTemplates } from "@/lib/templates/list-templates";
import { pageOf, pageQueryFields } from "@/lib/pagination/page";

export const dynamic = "force-dynamic";

const query = z.object(pageQueryFields(50)).strict();

export const GET = route({ query }, async ({ query }) => {
  const { items, total } = await listTemplates(web().db, { search: query.search, take: query.pageSize, skip: (query.page - 1) * query.pageSize });
  return pageOf(items, total, query);
});
