import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { catalogPage } from "@/lib/templates/api-schemas";
import { catalogQuerySchema, listCatalog } from "@/lib/templates/list-catalog";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    summary: "The templates you may request, with cost, time to ready and live environments",
    description: "Search `q`, filter by `tag` and owning `team`, in keyset pages (`cursor`, `limit`).",
    query: catalogQuerySchema,
    response: catalogPage,
  },
   ({ caller, query }) => listCatalog(web().db, caller, query));
