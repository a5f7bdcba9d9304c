import type { InstanceGroupSpec } from "@/lib/templates/template-spec";

function imageText(image: InstanceGroupSpec["image"]): string {
  if (typeof image === "string") return image;
  return `newest ${image.name} by ${image.owner}${image.architecture ? ` (${image.architecture})` : ""}`;
}

export function InstanceGroupsTable({ groups }: { groups: InstanceGroupSpec[] }) {
  return (
    <div className="relative overflow-x-auto">
      <table className="table-base">
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Instance type</th>
            <th scope="col">Count</th>
            <th scope="col">Image</th>
            <th scope="col">Fallbacks</th>
            <th scope="col">Tags</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.name}>
              <td className="font-medium text-slate-900">{group.name}</td>
              <td className="font-mono text-xs text-slate-700">{group.instanceType}</td>
              <td className="font-mono text-xs text-slate-700">{String(group.count)}</td>
              <td className="max-w-xs font-mono text-xs break-all text-slate-600">{imageText(group.image)}</td>
              <td className="text-xs text-slate-600">
                {[
                  group.alternatives?.instanceTypes.length ? `types ${group.alternatives.instanceTypes.join(", ")}` : null,
                  group.alternatives?.zones.length ? `zones ${group.alternatives.zones.join(", ")}` : null,
                ]
                  .filter(Boolean)
                  .join("; ") || <span className="text-slate-400">—</span>}
              </td>
              <td className="text-xs">
                <div className="flex flex-wrap gap-1">
                  {Object.entries(group.tags ?? {}).map(([key, value]) => (
                    <span key={key} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-600">
                      {key}={value}
                    </span>
                  ))}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
