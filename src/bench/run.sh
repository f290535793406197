#!/usr/bin/env bash
# Lectern's end-to-end benchmark (issue 10, item 6): data at scale, the jar, wrk against the API and
# pgbench against the same SQL in one run, a JFR profile, and every figure next to its target.
#
#   src/bench/run.sh                                   # full scale: 1,000 schools x 1,000 stories
#   BENCH_SCHOOLS=50 BENCH_STORIES=1000 src/bench/run.sh   # a quick run
#   BENCH_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java src/bench/run.sh   # the jar on another JDK
#
# Everything it makes stays under target/bench/ (and in the database BENCH_DB). It is re-runnable:
# schools already generated are skipped, an interrupted generation resumes. It stops the server it
# started, and only that one. See README.md, "Benchmarks".
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH_SRC=$ROOT/src/bench
OUT=$ROOT/target/bench

SCHOOLS=${BENCH_SCHOOLS:-1000}
STORIES=${BENCH_STORIES:-1000}
BATCH=${BENCH_BATCH:-10}
DB=${BENCH_DB:-lectern_bench}
PGHOST=${BENCH_PGHOST:-127.0.0.1}
PGPORT=${BENCH_PGPORT:-5432}
PGUSER=${BENCH_PGUSER:-postgres}
PORT=${BENCH_HTTP_PORT:-8089}
CONNS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
WARMUP=${BENCH_WARMUP:-60}
PG_WARMUP=${BENCH_PG_WARMUP:-10}
PROFILE_SECONDS=${BENCH_PROFILE_SECONDS:-20}
DURATION=${BENCH_DURATION:-30}
SKIP_BUILD=${BENCH_SKIP_BUILD:-false}
JAVA=${BENCH_JAVA:-java}
export PGHOST PGPORT PGUSER

BASE=http://127.0.0.1:$PORT
ADMIN_EMAIL=bench-root@lectern.local
ADMIN_PASS=bench-root-password
TPL_SLUG=bench-00001
TEACHER_EMAIL=teacher@bench.test TEACHER_PASS=bench-teacher-pass
STUDENT_EMAIL=student@bench.test STUDENT_PASS=bench-student-pass

mkdir -p "$OUT"
RESULTS=$OUT/results.txt
: >"$RESULTS"
APP_PID=""

log() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
psqlq() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
record() { printf '%s\n' "$*" | tee -a "$RESULTS"; }

stop_app() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    log "stopping the server (pid $APP_PID)"
    kill "$APP_PID"
    for _ in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$APP_PID" 2>/dev/null && kill -9 "$APP_PID"
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=""
}
cleanup() {
  stop_app
  psql -X -q -d "$DB" -c "ALTER DATABASE $DB RESET log_statement" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# --- 1. tools -------------------------------------------------------------------------------------
install_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v pgbench >/dev/null || missing+=(postgresql-client) # Debian 12: pgbench is in postgresql-client-15
  command -v psql >/dev/null || missing+=(postgresql-client)
  if ((${#missing[@]})); then
    log "installing ${missing[*]} from Debian packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  command -v jfr >/dev/null && command -v jcmd >/dev/null || log "jfr/jcmd not found: no profile"
}

# --- 3. the server ----------------------------------------------------------------------------------
START_MS=0
READY_S=""
start_app() { # $1: log file, $2: extra environment (NAME=value ...)
  local logf=$1
  mkdir -p "$OUT/data" "$OUT/tenants"
  START_MS=$(date +%s%3N)
  LECTERN_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" LECTERN_DB_USER=$PGUSER LECTERN_DB_PASSWORD= \
    LECTERN_HTTP_PORT=$PORT LECTERN_DATA_DIR=$OUT/data LECTERN_TENANTS_DIR=$OUT/tenants \
    LECTERN_BOOTSTRAP_ADMIN_EMAIL=$ADMIN_EMAIL LECTERN_BOOTSTRAP_ADMIN_PASSWORD=$ADMIN_PASS \
    LECTERN_RATE_USER_PER_MINUTE=0 LECTERN_RATE_TENANT_PER_MINUTE=0 \
    env ${2:-} setsid "$JAVA" ${BENCH_JAVA_OPTS:-} -jar "$ROOT/target/lectern.jar" >"$logf" 2>&1 &
  APP_PID=$!
  log "server starting (pid $APP_PID, log $logf)"
  for _ in $(seq 1 600); do
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      log "the server exited:"; tail -20 "$logf" >&2; exit 1
    fi
    if [[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/health" || true) == 200 ]]; then
      READY_S=$(awk -v a="$START_MS" -v b="$(date +%s%3N)" 'BEGIN{printf "%.1f", (b-a)/1000}')
      log "ready after $READY_S s"
      return
    fi
    sleep 0.2
  done
  log "not ready after 120 s"; exit 1
}
# The JVM that runs Payara: the launcher re-launches itself in a child JVM (LECTERN_RELAUNCH), so
# the process started above only waits; RSS and the profile are the child's when there is one.
server_pid() { pgrep -P "$APP_PID" java | head -1 || true; }
jvm_pid() { local c; c=$(server_pid); echo "${c:-$APP_PID}"; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$(jvm_pid)/status"; }

json_field() { python3 -c 'import sys,json; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
token() { # tenant-or-empty email password
  local body
  if [[ -n $1 ]]; then body="{\"tenant\":\"$1\",\"email\":\"$2\",\"password\":\"$3\"}"
  else body="{\"email\":\"$2\",\"password\":\"$3\"}"; fi
  curl -sf "$BASE/api/auth/token" -H 'Content-Type: application/json' -d "$body" | json_field access_token
}

# --- 2. data ------------------------------------------------------------------------------------------
ensure_template() {
  local tid
  tid=$(psqlq -Atc "SELECT id FROM tenants WHERE slug = '$TPL_SLUG'")
  if [[ -z $tid ]]; then
    log "provisioning the template school $TPL_SLUG through the API"
    local root
    root=$(token "" "$ADMIN_EMAIL" "$ADMIN_PASS")
    curl -sf "$BASE/api/platform/tenants" -H "Authorization: Bearer $root" -H 'Content-Type: application/json' \
      -d "{\"slug\":\"$TPL_SLUG\",\"name\":\"Bench School 1\",\"admin\":{\"email\":\"admin@bench.test\",\"password\":\"bench-admin-pass\",\"displayName\":\"Bench Admin\"}}" >/dev/null
    curl -sf "$BASE/api/users" -H "Authorization: Bearer $root" -H "X-Tenant-Id: $TPL_SLUG" -H 'Content-Type: application/json' \
      -d "{\"email\":\"$TEACHER_EMAIL\",\"displayName\":\"Bench Teacher\",\"password\":\"$TEACHER_PASS\",\"roles\":[\"teacher\"]}" >/dev/null
    curl -sf "$BASE/api/users" -H "Authorization: Bearer $root" -H "X-Tenant-Id: $TPL_SLUG" -H 'Content-Type: application/json' \
      -d "{\"email\":\"$STUDENT_EMAIL\",\"displayName\":\"Bench Student\",\"password\":\"$STUDENT_PASS\",\"roles\":[\"student\"],\"gradeLevel\":\"7\",\"readingLevel\":\"intermediate\"}" >/dev/null
    tid=$(psqlq -Atc "SELECT id FROM tenants WHERE slug = '$TPL_SLUG'")
  fi
  TPL_ID=$tid
}

generate() {
  local t0 lo hi done_schools total_stories now eta
  done_schools=$(psqlq -Atc "SELECT count(DISTINCT t.id) FROM tenants t JOIN stories s ON s.tenant_id = t.id WHERE t.slug ~ '^bench-[0-9]{5}$' AND substr(t.slug, 7)::int <= $SCHOOLS")
  if ((done_schools >= SCHOOLS)); then
    log "data: all $SCHOOLS schools exist, nothing to generate"; return
  fi
  log "data: $done_schools of $SCHOOLS schools exist; generating the rest ($STORIES stories each, batches of $BATCH)"
  t0=$(date +%s)
  for ((lo = 1; lo <= SCHOOLS; lo += BATCH)); do
    hi=$((lo + BATCH - 1)); ((hi > SCHOOLS)) && hi=$SCHOOLS
    psql -X -q -d "$DB" -v tpl="$TPL_ID" -v lo=$lo -v hi=$hi -v m="$STORIES" \
      -f "$BENCH_SRC/sql/functions.sql" -f "$BENCH_SRC/sql/generate-batch.sql" >/dev/null
    now=$(date +%s)
    eta=$(awk -v e=$((now - t0)) -v d=$hi -v s=$lo -v n="$SCHOOLS" -v p="$done_schools" \
      'BEGIN{ made=d-(p>=s?s-1:p); if (made<1) made=1; printf "%d", e/made*(n-d) }')
    log "data: schools $hi/$SCHOOLS ($((hi * STORIES)) stories), $((now - t0)) s elapsed, about $eta s left"
  done
  log "data: ANALYZE"
  psqlq -c "ANALYZE"
}

# --- 5b. the statements one list request runs, from PostgreSQL's own log -----------------------------
capture_statements() { # token
  local pglog=/var/log/postgresql/postgresql-15-main.log
  pglog=$(ls -t /var/log/postgresql/postgresql-*-main.log 2>/dev/null | head -1 || true)
  [[ -r $pglog ]] || { log "no readable server log; statements not captured"; return; }
  curl -s -o /dev/null "$BASE/api/stories?limit=20" -H "Authorization: Bearer $1" # warm the path
  local before
  before=$(stat -c %s "$pglog")
  STMTS=$(curl -s -D - -o /dev/null "$BASE/api/stories?limit=20" -H "Authorization: Bearer $1" \
    | tr -d '\r' | awk -F': ' 'tolower($1)=="x-sql-statements"{print $2}')
  sleep 1
  tail -c +$((before + 1)) "$pglog" | grep -v -- '-bench-capture-' >"$OUT/list-request-statements.log" || true
  local seen infile
  # The tenant binding travels in the same query string as the statement it prefixes (one round
  # trip), so the log's separate line for it is not counted.
  seen=$(grep -E 'LOG: +(statement|execute)' "$OUT/list-request-statements.log" \
    | grep -v -c "set_config('lectern.tenant_id'" || true)
  infile=$(grep -v -E '^\s*(--|$)' "$BENCH_SRC/sql/list-request.sql" | grep -c ';$' || true)
  log "statements of one list request (PostgreSQL's log): $seen, in $OUT/list-request-statements.log"
  if [[ $seen != "$infile" ]]; then
    log "WARNING: sql/list-request.sql holds $infile statements, the request ran $seen: update the file"
  fi
}

# --- pgbench / wrk helpers ------------------------------------------------------------------------------
pg_clients() { # cap pgbench's clients to the free connection slots (other users share this server)
  local free
  free=$(psqlq -Atc "SELECT current_setting('max_connections')::int - count(*) - 10 FROM pg_stat_activity")
  if ((free < CONNS)); then echo "$free"; else echo "$CONNS"; fi
}
run_pgbench() { # name file [extra args]
  local name=$1 file=$2; shift 2
  local c; c=$(pg_clients)
  log "pgbench $name: $c clients, $THREADS threads, ${PG_WARMUP}s warm-up + ${DURATION}s"
  pgbench -n -M prepared -c "$c" -j "$THREADS" -T "$PG_WARMUP" -f "$file" "$@" "$DB" >/dev/null 2>&1 || true
  pgbench -n -M prepared -c "$c" -j "$THREADS" -T "$DURATION" -f "$file" "$@" "$DB" >"$OUT/pgbench-$name.txt" 2>&1
  awk '/^tps/ {print int($3); exit}' "$OUT/pgbench-$name.txt"
}
run_wrk() { # name lua path token -> "rps p50 p99 non2xx"
  local name=$1 lua=$2 path=$3
  log "wrk $name: $CONNS connections, $THREADS threads, ${WARMUP}s warm-up + ${DURATION}s"
  BENCH_TOKEN=$4 wrk -t"$THREADS" -c"$CONNS" -d"${WARMUP}s" --timeout 10s -s "$lua" "$BASE$path" >/dev/null 2>&1 || true
  local cpu0; cpu0=$(jvm_cpu_ticks)
  BENCH_TOKEN=$4 wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --timeout 10s --latency -s "$lua" "$BASE$path" >"$OUT/wrk-$name.txt" 2>&1
  local cpu1; cpu1=$(jvm_cpu_ticks)
  # The server JVM's own CPU (user + system, all its threads, JIT and GC included) per request
  # answered: the figure that other load on the machine disturbs least.
  local line; line=$(grep '^BENCH' "$OUT/wrk-$name.txt" | sed 's/^BENCH //')
  echo "$line cpu_ms=$(awk -v a="$cpu0" -v b="$cpu1" -v n="$(kv requests "$line")" -v hz="$(getconf CLK_TCK)" \
    'BEGIN{ if (n > 0) printf "%.2f", (b-a)*1000/hz/n; else print "n/a" }')"
}
jvm_cpu_ticks() { awk '{print $14 + $15}' "/proc/$(jvm_pid)/stat"; }
kv() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }

profile_list() { # token
  command -v jcmd >/dev/null || return 0
  log "profile: the list again for ${PROFILE_SECONDS}s with a JFR recording"
  start_profile
  BENCH_TOKEN=$1 wrk -t"$THREADS" -c"$CONNS" -d"${PROFILE_SECONDS}s" --timeout 10s -s "$BENCH_SRC/wrk/list.lua" \
    "$BASE/api/stories?limit=20" >"$OUT/wrk-list-profiled.txt" 2>&1 || true
  stop_profile
}

# --- 7. profile --------------------------------------------------------------------------------------------
start_profile() {
  command -v jcmd >/dev/null || return 0
  jcmd "$(jvm_pid)" JFR.start name=bench settings=profile filename="$OUT/list.jfr" >/dev/null 2>&1 || true
}
stop_profile() {
  command -v jcmd >/dev/null || return 0
  jcmd "$(jvm_pid)" JFR.stop name=bench >/dev/null 2>&1 || true
  if [[ -s $OUT/list.jfr ]]; then
    jfr print --stack-depth 64 --events jdk.ExecutionSample "$OUT/list.jfr" >"$OUT/list-samples.txt"
    python3 "$BENCH_SRC/topframes.py" "$OUT/list-samples.txt" >"$OUT/list-top-frames.txt"
    log "profile: $OUT/list-top-frames.txt"
  fi
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.1f %%", 100*a/b; else print "n/a" }'; }
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN{ ok = (op == ">=") ? v >= t : (op == "<") ? v < t : v <= t; print ok ? "MET" : "MISSED" }'; }

# ==================================================================================================
main() {
  install_tools
  if [[ $SKIP_BUILD != true || ! -f $ROOT/target/lectern.jar ]]; then
    log "building the jar"; (cd "$ROOT" && mvn -q -B package -DskipTests)
  fi
  if ! psql -X -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    log "creating database $DB"; psql -X -q -d postgres -c "CREATE DATABASE $DB"
  fi

  # Start 1: migrates the schema, provisions the template, generates the data and, with
  # log_statement=all for this database only, records the statements of one list request.
  psqlq -c "ALTER DATABASE $DB SET log_statement = 'all'"
  # No AI worker here: its polls would land in the statement log between the list's statements.
  start_app "$OUT/server-setup.log" "LECTERN_DIAGNOSTICS_SQL_COUNT=true LECTERN_AI_WORKER_ENABLED=false"
  ensure_template
  psqlq -c "ALTER DATABASE $DB RESET log_statement" # the generator's sessions need no log
  generate
  local tenant student teacher student_tok teacher_tok
  tenant=$TPL_ID
  student=$(psqlq -Atc "SELECT id FROM users WHERE tenant_id = '$tenant' AND email = '$STUDENT_EMAIL'")
  teacher=$(psqlq -Atc "SELECT id FROM users WHERE tenant_id = '$tenant' AND email = '$TEACHER_EMAIL'")
  student_tok=$(token "$TPL_SLUG" "$STUDENT_EMAIL" "$STUDENT_PASS")
  capture_statements "$student_tok"
  stop_app

  # Start 2: the measured one, on the full data, with the statement log off.
  start_app "$OUT/server.log"
  local ready=$READY_S
  sleep 5
  local rss_idle; rss_idle=$(rss_mb)
  student_tok=$(token "$TPL_SLUG" "$STUDENT_EMAIL" "$STUDENT_PASS")
  teacher_tok=$(token "$TPL_SLUG" "$TEACHER_EMAIL" "$TEACHER_PASS")
  local stmts=${STMTS:-}

  local list create pg_ideal pg_request pg_create
  list=$(run_wrk list "$BENCH_SRC/wrk/list.lua" "/api/stories?limit=20" "$student_tok")
  create=$(run_wrk create "$BENCH_SRC/wrk/create.lua" "/api/stories" "$teacher_tok")
  local rss_load; rss_load=$(rss_mb)
  # The profile has a window of its own after the measured ones: a JFR recording costs CPU and
  # memory, which must not count in the figures above.
  profile_list "$student_tok"
  stop_app # pgbench gets the database (and the machine) to itself, as wrk had

  pg_ideal=$(run_pgbench list-ideal "$BENCH_SRC/sql/list-ideal.sql" -D tenant="$tenant" -D student="$student")
  pg_request=$(run_pgbench list-request "$BENCH_SRC/sql/list-request.sql" -D tenant="$tenant" -D student="$student")
  pg_create=$(run_pgbench create "$BENCH_SRC/sql/create.sql" -D tenant="$tenant" -D teacher="$teacher")

  local list_rps list_p50 list_p99 create_rps
  list_rps=$(kv rps "$list"); list_p50=$(kv p50_ms "$list"); list_p99=$(kv p99_ms "$list")
  create_rps=$(kv rps "$create")
  {
    echo
    echo "Lectern benchmark $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores: $SCHOOLS schools x $STORIES stories;"
    echo "wrk: $CONNS connections, $THREADS threads, ${WARMUP}s warm-up + ${DURATION}s; pgbench: the same clients (capped to free slots), ${PG_WARMUP}s warm-up + ${DURATION}s."
    echo "server JVM: $("$JAVA" -version 2>&1 | head -1)"
    printf '%-44s %14s %14s %10s  %s\n' figure measured target ratio verdict
    printf '%-44s %14s %14s %10s  %s\n' "list GET /api/stories?limit=20 (req/s)" "$list_rps" ">= 25 % (a)" "$(ratio "$list_rps" "$pg_ideal")" \
      "$(verdict "$(awk -v a="$list_rps" -v b="$pg_ideal" 'BEGIN{print (b>0)?a/b:0}')" ">=" 0.25)"
    printf '%-44s %14s\n' "  pgbench (a) ideal page query (tps)" "$pg_ideal"
    printf '%-44s %14s %14s %10s\n' "  pgbench (b) the request's statements (tps)" "$pg_request" "" "$(ratio "$list_rps" "$pg_request")"
    printf '%-44s %14s\n' "  list p50 (ms)" "$list_p50"
    printf '%-44s %14s\n' "  server JVM CPU per list request (ms)" "$(kv cpu_ms "$list")"
    printf '%-44s %14s %14s %10s  %s\n' "list p99 at $CONNS connections (ms)" "$list_p99" "< 25" "" "$(verdict "$list_p99" "<" 25)"
    printf '%-44s %14s\n' "  list non-2xx / errors" "$(kv non2xx "$list") / $(kv errors "$list")"
    printf '%-44s %14s\n' "  SQL statements per list request" "${stmts:-n/a (LECTERN_DIAGNOSTICS_SQL_COUNT off)}"
    printf '%-44s %14s %14s %10s  %s\n' "create POST /api/stories (req/s)" "$create_rps" ">= 30 % (c)" "$(ratio "$create_rps" "$pg_create")" \
      "$(verdict "$(awk -v a="$create_rps" -v b="$pg_create" 'BEGIN{print (b>0)?a/b:0}')" ">=" 0.30)"
    printf '%-44s %14s\n' "  pgbench (c) insert transaction (tps)" "$pg_create"
    printf '%-44s %14s\n' "  server JVM CPU per create (ms)" "$(kv cpu_ms "$create")"
    printf '%-44s %14s\n' "  create p50 / p99 (ms)" "$(kv p50_ms "$create") / $(kv p99_ms "$create")"
    printf '%-44s %14s\n' "  create non-2xx / errors" "$(kv non2xx "$create") / $(kv errors "$create")"
    printf '%-44s %14s %14s %10s  %s\n' "startup to ready (s)" "$ready" "<= 10" "" "$(verdict "$ready" "<=" 10)"
    printf '%-44s %14s %14s %10s  %s\n' "RSS idle (MB)" "$rss_idle" "<= 512" "" "$(verdict "$rss_idle" "<=" 512)"
    printf '%-44s %14s %14s %10s  %s\n' "RSS after load (MB)" "$rss_load" "<= 512" "" "$(verdict "$rss_load" "<=" 512)"
    echo "Raw outputs, the statements of one request and the profile (list-top-frames.txt) are in $OUT."
  } | tee -a "$RESULTS"
}

main "$@"
