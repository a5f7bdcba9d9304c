// Shapes the admin pages hand to their client components (dates as ISO text).
export type TeamOption = { id: string; slug: string; name: string };
export type Role = "admin" | "platform" | "developer" | "viewer";
export const ROLES: readonly Role[] = ["admin", "platform", "developer", "viewer"];
export type AdminUserRow = {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  disabledAt: string | null;
  createdAt: string;
  teams: { teamId: string; slug: string; role: string }[];
  invitation: { expiresAt: string } | null;
};
export type InvitationAnswer = { user: { id: string; email: string; name: string }; inviteUrl: string; expiresAt: string };
