"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { callApi, type ApiIssue } from "../api-client";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { Modal } from "../ui/modal";
import { InviteLink } from "./invite-link";
import { ROLES, type InvitationAnswer, type TeamOption } from "./types";

const FIELD_IDS = ["email", "name", "teamId", "role"];

export function InviteButton({ teams }: { teams: TeamOption[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [invitation, setInvitation] = useState<InvitationAnswer | null>(null);
  const close = () => {
    setOpen(false);
    setIssues([]);
    setError(null);
    setInvitation(null);
  };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (key: string) => {
      const value = form.get(key);
      return typeof value === "string" ? value : "";
    };
    setPending(true);
    setError(null);
    const result = await callApi<InvitationAnswer>("/api/v1/users", { method: "POST", body: { email: text("email"), name: text("name"), teamId: text("teamId"), role: text("role") } });
    setPending(false);
    if (result.ok) {
      setIssues([]);
      setInvitation(result.data);
      router.refresh();
      return;
    }
    const atFields = result.issues.filter((issue) => FIELD_IDS.includes(issue.path));
    setIssues(atFields);
    if (atFields.length !== result.issues.length || atFields.length === 0) setError(result.message);
  };
  const issueOf = (id: string) => issues.find((issue) => issue.path === id)?.message;
  const input = (id: string, label: string, type: string, help?: string) => (
    <Field id={`invite-${id}`} label={label} required error={issueOf(id)} help={help}>
      {(describedBy) => <input id={`invite-${id}`} name={id} type={type} aria-invalid={issueOf(id) ? true : undefined} aria-describedby={describedBy} className="input" />}
    </Field>
  );
  return (
    <>
      <Button variant="primary" onClick={() => setOpen(true)} disabled={teams.length === 0} title={teams.length === 0 ? "Create a team first" : undefined}>
        Invite user
      </Button>
      <Modal open={open} onClose={close} title={invitation ? `${invitation.user.name} is invited` : "Invite a user"} description={invitation ? undefined : "They get an account in one team; they set their own password at the link."}>
        {invitation ? (
          <div className="space-y-4">
            <InviteLink invitation={invitation} />
            <div className="flex justify-end">
              <Button variant="primary" onClick={close}>
                Done
              </Button>
            </div>
          </div>
        ) : (
          <form onSubmit={(event) => void submit(event)} className="space-y-4" noValidate>
            {error && <Alert>{error}</Alert>}
            {input("email", "Email", "email", "They sign in with it.")}
            {input("name", "Name", "text")}
            <div className="grid grid-cols-2 gap-3">
              <Field id="invite-teamId" label="Team" required error={issueOf("teamId")}>
                {(describedBy) => (
                  <select id="invite-teamId" name="teamId" aria-invalid={issueOf("teamId") ? true : undefined} aria-describedby={describedBy} className="input">
                    {teams.map((team) => (
                      <option key={team.id} value={team.id}>
                        {team.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id="invite-role" label="Role" required error={issueOf("role")}>
                {(describedBy) => (
                  <select id="invite-role" name="role" defaultValue="developer" aria-invalid={issueOf("role") ? true : undefined} aria-describedby={describedBy} className="input">
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {role}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <div className="flex justify-end gap-2">
              <Button onClick={close} disabled={pending}>
                Cancel
              </Button>
              <Button type="submit" variant="primary" disabled={pending}>
                {pending ? "Inviting…" : "Create invite link"}
              </Button>
            </div>
          </form>
        )}
      </Modal>
    </>
  );
}
