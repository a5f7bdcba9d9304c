// DescribeInstanceStatus: status checks are `initializing` after an instance reaches running and
// `ok` once the configured delay (timings.runningToStatusOk) passed; only running instances are
// listed unless IncludeAllInstances=true, as on EC2.
import { stateAt, stateCodes, type InstanceRecord } from "../engine/instance";
import type { FieldReader } from "../protocol/filters";
import { el, itemSet, node } from "../protocol/xml";
import { stateXml } from "../render/instance-xml";
import type { ActionContext } from "./context";
import { selectInstances } from "./describe-instances";

type CheckStatus = "ok" | "initializing" | "not-applicable";

function checkStatus(instance: InstanceRecord, now: number): CheckStatus {
  if (stateAt(instance, now) !== "running") return "not-applicable";
  return instance.statusOkAt !== null && now >= instance.statusOkAt ? "ok" : "initializing";
}

function checkXml(name: string, status: CheckStatus): string {
  const reachability = status === "ok" ? "passed" : status === "initializing" ? "initializing" : "";
  const details =
    reachability === "" ? "" : itemSet("details", [0], () => el("name", "reachability") + el("status", reachability));
  return node(name, el("status", status) + details);
}

export function describeInstanceStatus(ctx: ActionContext): string {
  const { now } = ctx;
  const includeAll = ctx.params.bool("IncludeAllInstances");
  const readers: Record<string, FieldReader<InstanceRecord>> = {
    "availability-zone": (i) => i.zone,
    "instance-state-name": (i) => stateAt(i, now),
    "instance-state-code": (i) => String(stateCodes[stateAt(i, now)]),
    "instance-status.status": (i) => checkStatus(i, now),
    "system-status.status": (i) => checkStatus(i, now),
    "instance-status.reachability": (i) => checkStatus(i, now).replace("ok", "passed"),
    "system-status.reachability": (i) => checkStatus(i, now).replace("ok", "passed"),
  };
  const page = selectInstances(ctx, {
    tokenKind: "DescribeInstanceStatus",
    maxResults: { min: 5, max: 1000 },
    resolver: (name) => readers[name],
    extraMatch: includeAll ? undefined : (i) => stateAt(i, now) === "running",
  });
  const statuses = itemSet("instanceStatusSet", page.instances, (i) => {
    const status = checkStatus(i, now);
    return (
      el("instanceId", i.id) +
      el("availabilityZone", i.zone) +
      el("availabilityZoneId", i.zoneId) +
      node("instanceState", stateXml(stateAt(i, now))) +
      checkXml("systemStatus", status) +
      checkXml("instanceStatus", status) +
      checkXml("attachedEbsStatus", status)
    );
  });
  return statuses + el("nextToken", page.nextToken);
}
