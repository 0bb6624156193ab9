# syntax=docker/dockerfile:1
# One image for every role; the command picks it: `serve` (API + worker, default), `api`, or `worker`.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY workers ./workers
COPY bin ./bin
# tsconfig also includes test/ and bench/, which are not copied: only the shipped code is compiled.
RUN npx tsc -p tsconfig.json

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim AS runtime
# Native Tesseract reads scans about twice as fast as tesseract.js (npm run bench); pdftoppm renders PDF pages
# for it. The Vietnamese model comes from assets/tessdata either way.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr poppler-utils \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    KEHOACH_DATA_DIR=/data \
    PORT=3000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Files read at run time that tsc does not emit (test/service/docker-layout.test.ts starts every role from exactly
# these COPY lines): SQL migrations, and the review page's static assets (src/web/router.ts looks for them next
# to the compiled file, then in src/web/static).
COPY src/db/migrations ./dist/src/db/migrations
COPY src/web/static ./dist/src/web/static
COPY package.json ./
COPY assets ./assets
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Fits every role: API roles answer /healthz; a worker (no HTTP) is healthy while its heartbeat file is fresh.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s CMD ["node", "dist/src/cli/main.js", "health"]
# exec form: node is PID 1's child-free process and receives SIGTERM directly for a graceful stop.
ENTRYPOINT ["node", "dist/src/cli/main.js"]
CMD ["serve"]
