// POST alias of DELETE /api/v1/environments/:id, for clients and forms that cannot send DELETE
// (the same handler, so the same contract in the OpenAPI document).
export { DELETE as POST } from "../route";
export const dynamic = "force-dynamic";
