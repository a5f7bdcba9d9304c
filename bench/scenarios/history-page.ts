// Pages over HTTP from the built web app (`next start`, NODE_ENV=production, 127.0.0.1 only)
// against the benchmark's database: sign in through next-auth's credentials flow as a person
// does, then time each GET's time to first byte (response headers) and to its last byte.
import http from "node:http";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { freePort } from "../../scripts/services/free-port";
import { superviseProcess, type Supervised } from "../../scripts/services/supervised-process";
import { waitForHttp } from "../../scripts/services/wait-for-http";
import { summarize, type Summary } from "../lib/stats";

export type PageTiming = { path: string; status: number; ttfb: Summary; total: Summary; bytes: number };

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string; ttfb: number; total: number };

function get(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.request(url, { method: options.method ?? "GET", headers: options.headers, agent: false }, (response) => {
      const ttfb = performance.now() - started;
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8"), ttfb, total: performance.now() - started }));
      response.on("error", reject);
    });
    request.setTimeout(30_000, () => request.destroy(new Error(`timed out: ${url}`)));
    request.on("error", reject);
    request.end(options.body);
  });
}

const cookiesOf = (answer: Answer) => (answer.headers["set-cookie"] ?? []).map((cookie) => cookie.split(";")[0]!);

/** The session cookie header of a signed-in person (next-auth credentials flow). */
async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrf = await get(`${base}/api/auth/csrf`);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/environments`, json: "true" }).toString();
  const answer = await get(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf).join("; ") },
    body: form,
  });
  const cookies = [...cookiesOf(csrf), ...cookiesOf(answer)];
  if (!cookies.some((cookie) => cookie.includes("session-token"))) throw new Error(`sign-in as ${email} gave no session (HTTP ${answer.status})`);
  return cookies.join("; ");
}

export async function measurePages(options: {
  root: string;
  databaseUrl: string;
  redisUrl: string;
  email: string;
  password: string;
  paths: string[];
  samples: number;
  log: (line: string) => void;
}): Promise<PageTiming[]> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const lines: string[] = [];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    HANGAR_REDIS_PREFIX: `hangar-bench-history-${randomBytes(3).toString("hex")}`,
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    NEXTAUTH_URL: base,
    HANGAR_URL: base,
    HANGAR_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
    HOSTNAME: "127.0.0.1",
  };
  const web: Supervised = superviseProcess("web", process.execPath, [path.join(options.root, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)], {
    env,
    cwd: options.root,
    quiet: (line) => {
      lines.push(line);
      return true;
    },
  });
  try {
    await waitForHttp(`${base}/signin`, { timeoutMs: 60_000, process: web });
    const cookie = await signIn(base, options.email, options.password);
    const results: PageTiming[] = [];
    for (const pagePath of options.paths) {
      // Two warm-up loads: the first compiles nothing (a production build) but fills the pools.
      const first = await get(`${base}${pagePath}`, { headers: { cookie } });
      await get(`${base}${pagePath}`, { headers: { cookie } });
      if (first.status !== 200) {
        options.log(`  ${pagePath}: HTTP ${first.status}, not measured`);
        results.push({ path: pagePath, status: first.status, ttfb: summarize([]), total: summarize([]), bytes: first.body.length });
        continue;
      }
      const ttfb: number[] = [];
      const total: number[] = [];
      let bytes = 0;
      for (let i = 0; i < options.samples; i++) {
        const answer = await get(`${base}${pagePath}`, { headers: { cookie } });
        if (answer.status !== 200) throw new Error(`${pagePath}: HTTP ${answer.status} during sampling`);
        ttfb.push(answer.ttfb);
        total.push(answer.total);
        bytes = answer.body.length;
      }
      results.push({ path: pagePath, status: 200, ttfb: summarize(ttfb), total: summarize(total), bytes });
      options.log(`  ${pagePath}: TTFB p95 ${Math.round(summarize(ttfb).p95)} ms, whole page p95 ${Math.round(summarize(total).p95)} ms`);
    }
    return results;
  } catch (error) {
    console.error(lines.slice(-30).join("\n"));
    throw error;
  } finally {
    await web.stop();
  }
}
