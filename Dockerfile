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
# SQL migrations are read at start-up; tsc does not copy them.
COPY src/db/migrations ./dist/src/db/migrations
COPY package.json ./
COPY assets ./assets
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" || exit 1
# exec form: node is PID 1's child-free process and receives SIGTERM directly for a graceful stop.
ENTRYPOINT ["node", "dist/src/cli/main.js"]
CMD ["serve"]
