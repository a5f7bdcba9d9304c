// What an execution of a run has to write, gathered and written as one fenced statement at a
// time (fenced-statement.ts): log lines, finished steps, deferred effects (launched instances),
// environment changes and the current step's start. Writes happen when a step needs one (before a
// cloud mutation), when it settles or parks, and from a heartbeat that renews the lease and
// flushes logs while a step runs long. A write that finds the lease gone throws LeaseLost and
// aborts `signal`: this execution must stop touching the run.
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { sqlRows } from "../db/sql";
import {
  beginPart,
  environmentPart,
  fencedStatement,
  HELD,
  logsPart,
  PROCEED,
  settlementsPart,
  skipRestPart,
  type LeaseClause,
  type Part,
  type Settlement,
} from "./fenced-statement";
import type { LogLevel, LogLine } from "./log-line";
import { LeaseLost, type Effect, type EnvironmentAssignments } from "./run-definition";
import type { RunNotifier } from "./run-events";

export type WriterOptions = {
  db: Db;
  runId: string;
  environmentId: string;
  owner: string;
  leaseMs: number;
  notifier: RunNotifier;
  /** How long log lines may wait for a write of their own (they usually ride along earlier). */
  logFlushMs?: number;
  onHeartbeatError?: (error: unknown) => void;
};

export type WriteInput = {
  /** New work: applied only while the lease is held and no cancel was asked. */
  effects?: Effect[];
  /** Already fenced parts (endings). */
  parts?: Part[];
  lease?: Pick<LeaseClause, "set" | "release">;
  /** The environment part also releases the environment (the run ends). */
  releaseEnvironment?: boolean;
  /** The run ends here: its steps not settled in this statement are skipped. */
  skipRest?: boolean;
  select?: Prisma.Sql;
};

export type WriteResult = { canceled: boolean; row: Record<string, unknown> };

type CurrentStep = { stepId: string; name: string; startedAt: Date; countAttempt: boolean; begun: boolean };

const HEARTBEAT_TICK_MS = 250;

export class RunWriter {
  private logs: LogLine[] = [];
  private settlements: Settlement[] = [];
  private effects: Effect[] = [];
  private environment: EnvironmentAssignments = {};
  private current: CurrentStep | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private lastWriteAt = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private writing = false;
  private readonly abortController = new AbortController();

  constructor(private readonly options: WriterOptions) {}

  get signal(): AbortSignal {
    return this.abortController.signal;
  }

  log(step: string | null, message: string, level: LogLevel = "info"): void {
    this.logs.push({ runId: this.options.runId, step, level, message: message.slice(0, 8000), at: new Date() });
  }

  /** The step this execution is about to run: recorded as running with the next write. */
  beginStep(step: { id: string; name: string }, countAttempt: boolean): void {
    this.current = { stepId: step.id, name: step.name, startedAt: new Date(), countAttempt, begun: false };
  }

  /** The current step's new state, written with the next write. */
  settleCurrent(settlement: Omit<Settlement, "stepId" | "startedAt" | "countAttempt">): void {
    const current = this.current;
    if (!current) throw new Error("no step is running");
    this.settlements.push({ ...settlement, stepId: current.stepId, startedAt: current.startedAt, countAttempt: current.countAttempt && !current.begun });
    this.current = null;
  }

  /** Forgets the current step (the run ends before it). */
  dropCurrent(): void {
    this.current = null;
  }

  get currentStep(): string | null {
    return this.current?.name ?? null;
  }

  defer(effect: Effect): void {
    this.effects.push(effect);
  }

  assignEnvironment(assignments: EnvironmentAssignments): void {
    Object.assign(this.environment, assignments);
  }

  /** One fenced statement with everything pending; writes are serialised in call order. */
  write(input: WriteInput = {}): Promise<WriteResult> {
    const result = this.chain.then(() => this.writeNow(input));
    this.chain = result.catch(() => undefined);
    return result;
  }

  private async writeNow(input: WriteInput): Promise<WriteResult> {
    if (this.signal.aborted) throw new LeaseLost(this.options.runId);
    const now = new Date();
    const logs = this.logs;
    const settlements = this.settlements;
    const effects = this.effects;
    const environment = this.environment;
    const begin = this.current && !this.current.begun ? this.current : null;
    this.logs = [];
    this.settlements = [];
    this.effects = [];
    this.environment = {};

    const parts: Part[] = [];
    if (logs.length > 0) parts.push({ name: "logs", sql: logsPart(logs) });
    if (settlements.length > 0) parts.push({ name: "settled", sql: settlementsPart(settlements, now) });
    if (begin) parts.push({ name: "begun", sql: beginPart(begin) });
    effects.forEach((effect, index) => parts.push({ name: `deferred${index}`, sql: effect(HELD) }));
    (input.effects ?? []).forEach((effect, index) => parts.push({ name: `effect${index}`, sql: effect(PROCEED) }));
    const touchesEnvironment = Object.keys(environment).length > 0 || Boolean(input.releaseEnvironment);
    if (touchesEnvironment) {
      parts.push({ name: "environment", sql: environmentPart(this.options.runId, environment, now, { release: input.releaseEnvironment }) });
    }
    parts.push(...(input.parts ?? []));
    if (input.skipRest) parts.push({ name: "rest", sql: skipRestPart(this.options.runId, settlements.map((s) => s.stepId), now) });

    const lease: LeaseClause = {
      runId: this.options.runId,
      owner: this.options.owner,
      leaseMs: this.options.leaseMs,
      now,
      ...input.lease,
      ...(touchesEnvironment ? { lockEnvironmentId: this.options.environmentId } : {}),
    };
    this.writing = true;
    let row: Record<string, unknown> & { held: boolean; canceled: boolean };
    try {
      [row] = (await sqlRows<typeof row>(this.options.db, fencedStatement(lease, parts, input.select))) as [typeof row];
    } catch (error) {
      // Nothing was written: keep it for the next write.
      this.logs = [...logs, ...this.logs];
      this.settlements = [...settlements, ...this.settlements];
      this.effects = [...effects, ...this.effects];
      this.environment = { ...environment, ...this.environment };
      throw error;
    } finally {
      this.writing = false;
    }
    this.lastWriteAt = Date.now();
    if (!row.held) {
      this.abortController.abort(new LeaseLost(this.options.runId));
      throw new LeaseLost(this.options.runId);
    }
    if (begin && !row.canceled) begin.begun = true;
    const { notifier, environmentId } = this.options;
    if (settlements.length > 0 || begin || input.lease) notifier.environmentChanged(environmentId, "step");
    else if (logs.length > 0) notifier.environmentChanged(environmentId, "log");
    return { canceled: row.canceled, row };
  }

  /** Renews the lease (a write) when the last one is older than a third of it. */
  async renewIfStale(): Promise<void> {
    if (Date.now() - this.lastWriteAt >= this.options.leaseMs / 3) await this.write();
  }

  /**
   * While a step runs: renews the lease (a third of its length) and flushes log lines older
   * than `logFlushMs`, so a long step is neither taken over nor silent.
   */
  startHeartbeat(): void {
    this.stopHeartbeat();
    const renewAfter = this.options.leaseMs / 3;
    const logFlushMs = this.options.logFlushMs ?? 1000;
    this.timer = setInterval(() => {
      if (this.writing || this.signal.aborted) return;
      const now = Date.now();
      const oldestLog = this.logs[0]?.at.getTime();
      if (now - this.lastWriteAt < renewAfter && (oldestLog === undefined || now - oldestLog < logFlushMs)) return;
      this.write().catch((error: unknown) => {
        if (!(error instanceof LeaseLost)) this.options.onHeartbeatError?.(error);
      });
    }, HEARTBEAT_TICK_MS);
    this.timer.unref();
  }

  stopHeartbeat(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
