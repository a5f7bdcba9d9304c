import type { EnvironmentState, RunKind } from "../db/generated/client";

/** The named steps of each kind of Run, in order. RunStep rows are created from this at request time. */
export const RUN_STEPS = {
  provision: ["resolve_images", "launch_instances", "wait_for_running", "record_outputs", "mark_ready"],
  destroy: ["terminate_instances", "wait_for_terminated", "mark_destroyed"],
  update: ["resolve_images", "launch_instances", "wait_for_running", "switch_version", "terminate_old", "mark_ready"],
  deploy: ["resolve_images", "roll_out", "retire_old", "mark_ready"],
  retire: ["terminate_retired"],
} as const satisfies Partial<Record<RunKind, readonly string[]>>;

export type ImplementedRunKind = keyof typeof RUN_STEPS;
export type StepName<K extends ImplementedRunKind> = (typeof RUN_STEPS)[K][number];

/** The environment's state while a run of each kind executes. */
export const ACTIVE_STATE: Record<ImplementedRunKind, EnvironmentState> = {
  provision: "provisioning",
  destroy: "destroying",
  update: "updating",
  deploy: "updating",
  retire: "updating",
};

/** Runs that change cloud resources hold the environment's lease, one at a time. */
export const MUTATING_KINDS: readonly RunKind[] = ["provision", "deploy", "stop", "start", "destroy", "reconcile", "update", "retire"];

/** Steps that park until the environment's instances settle; the instance poller advances them. */
export const INSTANCE_WAIT_STEPS = { wait_for_running: "running", wait_for_terminated: "terminated" } as const;
export type InstanceWaitStep = keyof typeof INSTANCE_WAIT_STEPS;
