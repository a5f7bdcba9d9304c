import NextAuth from "next-auth";
import { authOptions } from "@/app/_server/auth-options";

type Handler = (request: Request, context: unknown) => Promise<Response>;

// Built per request so that `next build` does not need the runtime configuration.
const handler: Handler = (request, context) => (NextAuth(authOptions()) as Handler)(request, context);

export { handler as GET, handler as POST };
