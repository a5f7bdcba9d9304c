import { RelativeTime } from "../ui/relative-time";
import { StateBadge } from "../ui/state-badge";
import type { InstanceJson } from "./types";

const dash = <span className="text-slate-400">—</span>;

export function InstancesTable({ instances, environmentState }: { instances: InstanceJson[]; environmentState: string }) {
  if (instances.length === 0) {
    return (
      <p className="px-4 py-6 text-sm text-slate-500">
        {environmentState === "requested" || environmentState === "provisioning" ? "Instances appear here as soon as they are launched." : "This environment has no instances."}
      </p>
    );
  }
  return (
    <div className="relative overflow-x-auto">
      <table className="table-base">
        <thead>
          <tr>
            <th scope="col">Instance</th>
            <th scope="col">Group</th>
            <th scope="col">Type</th>
            <th scope="col">State</th>
            <th scope="col">Zone</th>
            <th scope="col">Private IP</th>
            <th scope="col">Public IP</th>
            <th scope="col">Launched</th>
          </tr>
        </thead>
        <tbody>
          {instances.map((instance) => (
            <tr key={instance.id}>
              <td className="font-mono text-xs whitespace-nowrap text-slate-900">{instance.cloudId}</td>
              <td className="text-slate-700">{instance.group}</td>
              <td className="font-mono text-xs text-slate-700">{instance.instanceType}</td>
              <td>
                <StateBadge state={instance.state} kind="instance" />
              </td>
              <td className="font-mono text-xs text-slate-600">{instance.availabilityZone ?? dash}</td>
              <td className="font-mono text-xs text-slate-700">{instance.privateIp ?? dash}</td>
              <td className="font-mono text-xs text-slate-700">{instance.publicIp ?? dash}</td>
              <td className="whitespace-nowrap text-slate-600">
                <RelativeTime date={instance.launchedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
