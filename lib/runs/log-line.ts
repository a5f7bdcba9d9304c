// A run's log line as the engine writes it (append-only; streamed to the browser; searchable).
export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogLine = { runId: string; step: string | null; level: LogLevel; message: string; at: Date };
