import { z } from "zod";

/** An invitation as the admin sees it once: the link is not stored (only its hash) and cannot be shown again. */
export const invitationAnswer = z
  .object({
    user: z.object({ id: z.string(), email: z.string(), name: z.string() }).strict(),
    inviteUrl: z.string().meta({ description: "Shown once: pass it on to the person invited" }),
    expiresAt: z.iso.datetime(),
  })
  .strict();
