import { z } from "zod";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { listUsers } from "@/lib/identity/users";

export const dynamic = "force-dynamic";

const query = z
  .object({
    search: z.string().trim().max(100).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();

/** Site admins: users, paginated and searchable by email or name. */
export const GET = route({ query }, ({ caller, query }) => listUsers(web().db, caller, query));
