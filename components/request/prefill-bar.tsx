"use client";
import { Button } from "../ui/button";
import type { PrefillOrigin, PresetChoice } from "./types";

function describe(origin: PrefillOrigin, version: number): string {
  switch (origin.kind) {
    case "again":
      return origin.fromVersion === version ? `Same as ${origin.environment.name}` : `Same as ${origin.environment.name} (made from version ${origin.fromVersion})`;
    case "preset":
      return `Preset: ${origin.title}`;
    case "remembered":
      return "Your last values";
    case "defaults":
      return "Template defaults";
  }
}

/**
 * Where the form's values came from, the template's presets as one-click fills, and a way back
 * to the template's defaults. Shown when there is a preset to offer or the values are not simply
 * the defaults.
 */
export function PrefillBar({ presets, origin, version, dropped, edited, labels, onPreset, onReset }: {
  presets: PresetChoice[];
  origin: PrefillOrigin;
  version: number;
  dropped: string[];
  edited: boolean;
  labels: Record<string, string>;
  onPreset: (preset: PresetChoice) => void;
  onReset: () => void;
}) {
  if (presets.length === 0 && origin.kind === "defaults") return null;
  const droppedNames = dropped.map((key) => labels[`parameters.${key}`] ?? key);
  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-xs">
      {presets.length > 0 && (
        <div role="group" aria-labelledby="presets-label" className="flex flex-wrap items-center gap-2">
          <span id="presets-label" className="mr-1 text-sm font-medium text-slate-800">
            Presets
          </span>
          {presets.map((preset) => {
            const active = origin.kind === "preset" && origin.preset === preset.name;
            return (
              <Button key={preset.name} size="sm" variant={active ? "primary" : "secondary"} aria-pressed={active} title={preset.description} onClick={() => onPreset(preset)}>
                {preset.title}
              </Button>
            );
          })}
        </div>
      )}
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
        <p role="status" aria-live="polite">
          Filled with: <strong className="font-medium text-slate-900">{describe(origin, version)}</strong>
          {edited && origin.kind !== "defaults" && <span className="text-slate-500"> (edited)</span>}
          {droppedNames.length > 0 && (
            <span className="block text-xs text-slate-500">
              {droppedNames.join(", ")} {droppedNames.length === 1 ? "is" : "are"} no longer accepted by this version, so {droppedNames.length === 1 ? "it takes its" : "they take their"} default.
            </span>
          )}
        </p>
        {origin.kind !== "defaults" && (
          <Button size="sm" variant="ghost" onClick={onReset}>
            Reset to defaults
          </Button>
        )}
      </div>
    </div>
  );
}
