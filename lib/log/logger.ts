import pino from "pino";

// Paths that may carry secrets anywhere in a log object; pino blanks them before writing.
const REDACT = [
  "password",
  "*.password",
  "passwordHash",
  "*.passwordHash",
  "secretAccessKey",
  "*.secretAccessKey",
  "*.*.secretAccessKey",
  "secretAccessKeyEnc",
  "*.secretAccessKeyEnc",
  "token",
  "*.token",
  "authorization",
  "*.authorization",
  "*.headers.authorization",
  "*.headers.cookie",
  "userData",
  "*.userData",
];

export type Logger = pino.Logger;

export function createLogger(name: string, level: string = "info"): Logger {
  return pino({ name, level, redact: { paths: REDACT, censor: "[redacted]" }, base: { pid: process.pid } });
}
