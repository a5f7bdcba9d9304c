// POST alias of DELETE /api/v1/environments/:id, for clients and forms that cannot send DELETE.
export { DELETE as POST } from "../route";
export const dynamic = "force-dynamic";
