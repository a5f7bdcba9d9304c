// DescribeInstanceStatus: status checks are `initializing` after an instance reaches running and
// settle once the configured delay (timings.runningToStatusOk) passed: `ok`, or for the instance
// check `impaired` when its user data carries `hangar-sandbox: status-checks=fail`
// (engine/user-data-markers.ts). Only running instances are listed unless IncludeAllInstances=true,
// as on EC2.
import { stateAt, stateCodes, type InstanceRecord } from "../engine/instance";
import type { FieldReader } from "../protocol/filters";
import { el, isoTime, itemSet, node } from "../protocol/xml";
import { stateXml } from "../render/instance-xml";
import type { ActionContext } from "./context";
import { selectInstances } from "./describe-instances";

type CheckStatus = "ok" | "impaired" | "initializing" | "not-applicable";
type Check = "system" | "instance";

function checkStatus(instance: InstanceRecord, check: Check, now: number): CheckStatus {
  if (stateAt(instance, now) !== "running") return "not-applicable";
  if (instance.statusOkAt === null || now < instance.statusOkAt) return "initializing";
  return check === "instance" && instance.behaviour.statusChecks === "fail" ? "impaired" : "ok";
}

const reachabilityOf: Record<CheckStatus, string> = {
  ok: "passed",
  impaired: "failed",
  initializing: "initializing",
  "not-applicable": "",
};

function checkXml(name: string, instance: InstanceRecord, check: Check, now: number): string {
  const status = checkStatus(instance, check, now);
  const reachability = reachabilityOf[status];
  const impairedSince = status === "impaired" && instance.statusOkAt !== null ? isoTime(instance.statusOkAt) : undefined;
  const details =
    reachability === ""
      ? ""
      : itemSet(
          "details",
          [0],
          () => el("name", "reachability") + el("status", reachability) + el("impairedSince", impairedSince),
        );
  return node(name, el("status", status) + details);
}

export function describeInstanceStatus(ctx: ActionContext): string {
  const { now } = ctx;
  const includeAll = ctx.params.bool("IncludeAllInstances");
  const readers: Record<string, FieldReader<InstanceRecord>> = {
    "availability-zone": (i) => i.zone,
    "instance-state-name": (i) => stateAt(i, now),
    "instance-state-code": (i) => String(stateCodes[stateAt(i, now)]),
    "instance-status.status": (i) => checkStatus(i, "instance", now),
    "system-status.status": (i) => checkStatus(i, "system", now),
    "instance-status.reachability": (i) => reachabilityOf[checkStatus(i, "instance", now)],
    "system-status.reachability": (i) => reachabilityOf[checkStatus(i, "system", now)],
  };
  const page = selectInstances(ctx, {
    tokenKind: "DescribeInstanceStatus",
    maxResults: { min: 5, max: 1000 },
    resolver: (name) => readers[name],
    extraMatch: includeAll ? undefined : (i) => stateAt(i, now) === "running",
  });
  const statuses = itemSet(
    "instanceStatusSet",
    page.instances,
    (i) =>
      el("instanceId", i.id) +
      el("availabilityZone", i.zone) +
      el("availabilityZoneId", i.zoneId) +
      node("instanceState", stateXml(stateAt(i, now))) +
      checkXml("systemStatus", i, "system", now) +
      checkXml("instanceStatus", i, "instance", now) +
      checkXml("attachedEbsStatus", i, "system", now),
  );
  return statuses + el("nextToken", page.nextToken);
}
