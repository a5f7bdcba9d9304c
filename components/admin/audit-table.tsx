import { RelativeTime } from "../ui/relative-time";

export type AuditRow = {
  id: string;
  at: Date;
  actor: { id: string | null; email: string | null };
  action: string;
  target: { type: string; id: string | null };
  team: { id: string; slug: string | null } | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  apiTokenId: string | null;
};

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** One row per event; what changed (before/after, already scrubbed of secrets) opens under it. */
export function AuditTable({ events }: { events: AuditRow[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="table-base">
        <thead>
          <tr>
            <th>When</th>
            <th>Actor</th>
            <th>Action</th>
            <th>Target</th>
            <th>Team</th>
            <th>Address</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id} className="align-top">
              <td className="whitespace-nowrap">
                <RelativeTime date={event.at} />
              </td>
              <td className="text-xs">
                {event.actor.email ?? <span className="text-slate-400">unknown</span>}
                {event.apiTokenId && <span className="block text-slate-500">with an API token</span>}
              </td>
              <td>
                <code className="text-xs">{event.action}</code>
                {(event.before !== null || event.after !== null) && (
                  <details className="mt-1 text-xs">
                    <summary className="cursor-pointer text-slate-500">Changes</summary>
                    <div className="mt-1 grid gap-2 sm:grid-cols-2">
                      {event.before !== null && <pre className="max-w-md overflow-x-auto rounded bg-slate-50 p-2">{`before ${json(event.before)}`}</pre>}
                      {event.after !== null && <pre className="max-w-md overflow-x-auto rounded bg-slate-50 p-2">{`after ${json(event.after)}`}</pre>}
                    </div>
                  </details>
                )}
              </td>
              <td className="text-xs">
                {event.target.type}
                {event.target.id && <span className="block max-w-48 truncate font-mono text-slate-500" title={event.target.id}>{event.target.id}</span>}
              </td>
              <td className="text-xs">{event.team ? (event.team.slug ?? event.team.id) : <span className="text-slate-400">—</span>}</td>
              <td className="font-mono text-xs">{event.ip ?? <span className="text-slate-400">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
