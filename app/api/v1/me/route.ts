import { route } from "@/app/_server/route";

export const dynamic = "force-dynamic";

export const GET = route({}, async ({ caller }) => caller);
