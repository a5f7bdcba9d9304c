import { z } from "zod";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { listUsers } from "@/lib/identity/users";
import { pageQueryFields } from "@/lib/pagination/page";

export const dynamic = "force-dynamic";

const query = z.object(pageQueryFields(25)).strict();

/** Site admins: users, paginated and searchable by email or name. */
export const GET = route({ query }, ({ caller, query }) => listUsers(web().db, caller, query));
