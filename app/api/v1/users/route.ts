import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { listUsers, listUsersSchema } from "@/lib/identity/users";

export const dynamic = "force-dynamic";

/** Site admins: users by email in keyset pages (`cursor`, `limit`), searchable by email or name. */
export const GET = route({ query: listUsersSchema }, ({ caller, query }) => listUsers(web().db, caller, query));
