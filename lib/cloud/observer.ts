// Every EC2 call reports here once per attempt of our retry layer, so metrics and benchmarks
// can count what a flow really costs in API calls: SDK-internal attempts ($metadata.attempts)
// and our own retries are both visible, which a plain "calls" counter would hide.

export interface CloudCallEvent {
  action: string;
  accountId: string;
  region: string;
  durationMs: number;
  /** HTTP requests the SDK made for this call, including its own standard-mode retries. */
  sdkAttempts: number;
  /** The provider's error code when the call failed. */
  errorCode?: string;
  /** Set when this call is a retry by our layer: 1 for the first retry, 2 for the second... */
  retryOf?: number;
}

export interface CloudCallObserver {
  onCall(event: CloudCallEvent): void;
}

export const noopObserver: CloudCallObserver = { onCall() {} };

export interface ActionCounts {
  calls: number;
  sdkAttempts: number;
  retries: number;
  errors: Record<string, number>;
}

/** Counts per action; enough for tests, benchmarks and a Prometheus collector to read from. */
export class CountingObserver implements CloudCallObserver {
  private readonly byAction = new Map<string, ActionCounts>();

  onCall(event: CloudCallEvent): void {
    const counts = this.byAction.get(event.action) ?? { calls: 0, sdkAttempts: 0, retries: 0, errors: {} };
    counts.calls += 1;
    counts.sdkAttempts += event.sdkAttempts;
    if (event.retryOf !== undefined) counts.retries += 1;
    if (event.errorCode !== undefined) counts.errors[event.errorCode] = (counts.errors[event.errorCode] ?? 0) + 1;
    this.byAction.set(event.action, counts);
  }

  get(action: string): ActionCounts {
    return this.byAction.get(action) ?? { calls: 0, sdkAttempts: 0, retries: 0, errors: {} };
  }

  snapshot(): Record<string, ActionCounts> {
    return Object.fromEntries([...this.byAction].map(([action, counts]) => [action, { ...counts, errors: { ...counts.errors } }]));
  }

  /** Sum over all actions, e.g. the total HTTP requests a flow sent. */
  total(): Omit<ActionCounts, "errors"> & { errors: number } {
    let calls = 0;
    let sdkAttempts = 0;
    let retries = 0;
    let errors = 0;
    for (const counts of this.byAction.values()) {
      calls += counts.calls;
      sdkAttempts += counts.sdkAttempts;
      retries += counts.retries;
      errors += Object.values(counts.errors).reduce((sum, n) => sum + n, 0);
    }
    return { calls, sdkAttempts, retries, errors };
  }

  reset(): void {
    this.byAction.clear();
  }
}

/** Fans one event out to several observers (e.g. metrics and a test counter). */
export function combineObservers(...observers: CloudCallObserver[]): CloudCallObserver {
  return { onCall: (event) => observers.forEach((observer) => observer.onCall(event)) };
}
