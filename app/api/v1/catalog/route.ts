import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { catalogQuerySchema, listCatalog } from "@/lib/templates/list-catalog";

export const dynamic = "force-dynamic";

/** The templates you may request, with cost, time to ready and live environments: `?q=&tag=&team=&cursor=&limit=`. */
export const GET = route({ query: catalogQuerySchema }, ({ caller, query }) => listCatalog(web().db, caller, query));
