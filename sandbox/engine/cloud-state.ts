// All partitions of the sandbox, keyed by account (access key id) and region, plus a change
// counter the snapshot writer watches.
import { findRegion } from "../catalog/regions";
import { Partition } from "./partition";

export class CloudState {
  private readonly partitions = new Map<string, Partition>();
  private changeListeners: (() => void)[] = [];

  private static key(account: string, region: string): string {
    return `${account}\u0000${region}`;
  }

  /** The partition for account+region, created on first use. The region must be known. */
  partition(account: string, regionName: string): Partition {
    const key = CloudState.key(account, regionName);
    let partition = this.partitions.get(key);
    if (partition === undefined) {
      const region = findRegion(regionName);
      if (region === undefined) throw new Error(`unknown region ${regionName}`);
      partition = new Partition(account, region);
      this.partitions.set(key, partition);
    }
    return partition;
  }

  existing(account: string, regionName: string): Partition | undefined {
    return this.partitions.get(CloudState.key(account, regionName));
  }

  all(): Partition[] {
    return [...this.partitions.values()];
  }

  put(partition: Partition): void {
    this.partitions.set(CloudState.key(partition.account, partition.region.name), partition);
  }

  clear(): void {
    this.partitions.clear();
    this.changed();
  }

  onChange(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  /** Called by mutating actions so persistence can schedule a snapshot. */
  changed(): void {
    for (const listener of this.changeListeners) listener();
  }
}
