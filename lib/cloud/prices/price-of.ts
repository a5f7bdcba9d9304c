// Hourly on-demand prices for cost estimates at request time. The shipped snapshot gives
// us-east-1 list prices; other known regions are derived by a regional factor and say so
// (`derived: true`), so the UI can show them as estimates. Unknown types or regions are null:
// a missing price must show as "unknown", never as $0.
import { z } from "zod";
import type { HourlyPrice } from "../provider";
import snapshotJson from "./on-demand-linux.json" with { type: "json" };

const snapshotSchema = z.object({
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  baseRegion: z.string(),
  source: z.string(),
  note: z.string(),
  regionFactors: z.record(z.string(), z.number().positive()),
  prices: z.record(z.string(), z.number().positive()),
});
export type PriceSnapshot = z.infer<typeof snapshotSchema>;

/** The snapshot shipped in the repo, checked once at load so a bad edit fails loudly. */
export const shippedPriceSnapshot: PriceSnapshot = snapshotSchema.parse(snapshotJson);

export function priceOf(instanceType: string, region: string, snapshot: PriceSnapshot = shippedPriceSnapshot): HourlyPrice | null {
  const base = snapshot.prices[instanceType];
  if (base === undefined) return null;
  if (region === snapshot.baseRegion) {
    return { instanceType, region, usdPerHour: base, asOf: snapshot.asOf, derived: false };
  }
  const factor = snapshot.regionFactors[region];
  if (factor === undefined) return null;
  // Four decimals like AWS's own list (e.g. 0.0104).
  const usdPerHour = Math.round(base * factor * 10_000) / 10_000;
  return { instanceType, region, usdPerHour, asOf: snapshot.asOf, derived: true };
}
