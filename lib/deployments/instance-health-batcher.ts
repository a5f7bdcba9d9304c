// EC2 status checks for many deploys at once: every run that asks within a short window shares
// one DescribeInstanceStatus per account and region (the provider sends 100 ids per call), and an
// answer is reused for 200 ms by whoever asks next (the run the gate watcher just woke with it),
// shorter than the watcher's pace so each of its passes sees fresh status checks. A hundred
// deploys gating at once cost a few calls a second, not a hundred (EC2 throttles Describe calls
// per account).
import type { CloudProvider, InstanceHealth } from "../cloud/provider";

type Pending = { ids: Set<string>; promise: Promise<Map<string, InstanceHealth>> };

export type HealthBatcher = { health(provider: CloudProvider, ids: string[]): Promise<Map<string, InstanceHealth>> };

export function createHealthBatcher(options: { windowMs?: number; reuseMs?: number; now?: () => number } = {}): HealthBatcher {
  const windowMs = options.windowMs ?? 50;
  const reuseMs = options.reuseMs ?? 200;
  const now = options.now ?? Date.now;
  const pending = new WeakMap<CloudProvider, Pending>();
  const recent = new WeakMap<CloudProvider, Map<string, { at: number; health: InstanceHealth | undefined }>>();

  function flushLater(provider: CloudProvider): Pending {
    const ids = new Set<string>();
    const promise = new Promise<Map<string, InstanceHealth>>((resolve, reject) => {
      setTimeout(() => {
        pending.delete(provider);
        provider
          .describeInstanceStatus([...ids])
          .then((answers) => {
            const byId = new Map(answers.map((a) => [a.id, a]));
            const seen = recent.get(provider) ?? new Map<string, { at: number; health: InstanceHealth | undefined }>();
            recent.set(provider, seen);
            const at = now();
            for (const id of ids) seen.set(id, { at, health: byId.get(id) });
            if (seen.size > 10_000) for (const [id, entry] of seen) if (at - entry.at > reuseMs) seen.delete(id);
            resolve(byId);
          })
          .catch(reject);
      }, windowMs);
    });
    const batch = { ids, promise };
    pending.set(provider, batch);
    return batch;
  }

  return {
    async health(provider, ids) {
      const out = new Map<string, InstanceHealth>();
      const seen = recent.get(provider);
      const missing = ids.filter((id) => {
        const entry = seen?.get(id);
        if (!entry || now() - entry.at > reuseMs) return true;
        if (entry.health) out.set(id, entry.health);
        return false;
      });
      if (missing.length === 0) return out;
      const batch = pending.get(provider) ?? flushLater(provider);
      for (const id of missing) batch.ids.add(id);
      const answers = await batch.promise;
      for (const id of missing) {
        const health = answers.get(id);
        if (health) out.set(id, health);
      }
      return out;
    },
  };
}
