#!/usr/bin/env bash
# Lectern's reading-events benchmark: 1,000,000 reading events of 10,000 students ingested through
# POST /api/reading-progress/events, with events/s, request latency, SQL statements per batch and
# the CPU each side spent, then a check in SQL that the rows add up.
#
#   src/bench/reading.sh                                                    # full: 10 schools x 1,000 students x 100 events
#   BENCH_READING_STUDENTS=100 BENCH_READING_EVENTS=10000 src/bench/reading.sh   # a quick run
#   BENCH_READING_MODE=check src/bench/reading.sh                           # data, tokens and checks, no load
#   BENCH_READING_PROFILE=true ...                                          # and a JFR profile of the server
#
# Data: schools `reading-001`..., each provisioned through the API (school, admin, teacher, a
# template student, BENCH_READING_STORIES published stories of known chunk counts), the rest of the
# students copied from the template student in SQL (src/bench/sql/reading-students.sql). Re-runs
# skip what exists; BENCH_READING_FRESH=true drops the database first. Tokens are minted with the
# server's key by the Java client (src/bench/java/org/lectern/bench/reading). It stops the server
# it started, and only that one. Output: target/bench/reading-results.txt. See README.md, "Benchmarks".
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH_SRC=$ROOT/src/bench
OUT=$ROOT/target/bench/reading
RESULTS=$ROOT/target/bench/reading-results.txt

SCHOOLS=${BENCH_READING_SCHOOLS:-10}
STUDENTS=${BENCH_READING_STUDENTS:-10000}
EVENTS=${BENCH_READING_EVENTS:-1000000}
STORIES=${BENCH_READING_STORIES:-6}
BATCH=${BENCH_READING_BATCH:-50}
CONNS=${BENCH_READING_CONNECTIONS:-32}
DAYS=${BENCH_READING_DAYS:-14}
SEED=${BENCH_READING_SEED:-$(date +%s)}
MODE=${BENCH_READING_MODE:-load}
FRESH=${BENCH_READING_FRESH:-false}
DB=${BENCH_READING_DB:-lectern_bench_reading}
PORT=${BENCH_READING_PORT:-8091}
PGHOST=${BENCH_PGHOST:-127.0.0.1}
PGPORT=${BENCH_PGPORT:-5432}
PGUSER=${BENCH_PGUSER:-postgres}
SKIP_BUILD=${BENCH_SKIP_BUILD:-false}
PROFILE=${BENCH_READING_PROFILE:-false}
export PGHOST PGPORT PGUSER

((STUDENTS < SCHOOLS)) && SCHOOLS=$STUDENTS
PER_SCHOOL=$(((STUDENTS + SCHOOLS - 1) / SCHOOLS))
PER_STUDENT=$((EVENTS / STUDENTS))
((PER_STUDENT >= 1)) || { echo "BENCH_READING_EVENTS must be at least BENCH_READING_STUDENTS" >&2; exit 1; }
BACKDATE_DAYS=$((DAYS + 2)) # stories and students exist before the first event

BASE=http://127.0.0.1:$PORT
ADMIN_EMAIL=bench-root@lectern.local
ADMIN_PASS=bench-root-password
SCHOOL_ADMIN_PASS=reading-admin-pass
TEACHER_PASS=reading-teacher-pass
STUDENT_PASS=reading-student-pass
# Chunk counts of the stories, cycled: short and long ones, so finishing a story happens often.
CHUNKS=(5 8 10 12 16 20)

mkdir -p "$OUT"
APP_PID=""

log() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
psqlq() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

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
trap stop_app EXIT

# --- the server ---------------------------------------------------------------------------------------
start_app() { # $1: log file
  local logf=$1 started
  mkdir -p "$OUT/data" "$OUT/tenants"
  if [[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/health" || true) != 000 ]]; then
    log "something already answers on port $PORT; set BENCH_READING_PORT"; exit 1
  fi
  started=$(date +%s)
  # LECTERN_DIAGNOSTICS_SQL_COUNT: every response says how many statements it ran. The request
  # quotas keep their defaults (1,200 a minute per user, 12,000 per school; counted in memory).
  LECTERN_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" LECTERN_DB_USER=$PGUSER LECTERN_DB_PASSWORD= \
    LECTERN_HTTP_PORT=$PORT LECTERN_DATA_DIR=$OUT/data LECTERN_TENANTS_DIR=$OUT/tenants \
    LECTERN_BOOTSTRAP_ADMIN_EMAIL=$ADMIN_EMAIL LECTERN_BOOTSTRAP_ADMIN_PASSWORD=$ADMIN_PASS \
    LECTERN_DIAGNOSTICS_SQL_COUNT=true \
    setsid java ${BENCH_JAVA_OPTS:-} -jar "$ROOT/target/lectern.jar" >"$logf" 2>&1 &
  APP_PID=$!
  log "server starting (pid $APP_PID, port $PORT, log $logf)"
  for _ in $(seq 1 900); do
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      log "the server exited:"; tail -20 "$logf" >&2; exit 1
    fi
    if [[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/health" || true) == 200 ]]; then
      log "ready after $(($(date +%s) - started)) s"
      return
    fi
    sleep 0.2
  done
  log "not ready after 180 s"; exit 1
}
# The JVM that runs Payara: the launcher re-launches itself in a child JVM.
jvm_pid() { local c; c=$(pgrep -P "$APP_PID" java | head -1 || true); echo "${c:-$APP_PID}"; }

# --- the API ------------------------------------------------------------------------------------------
api() { # method path token [json] -> body; fails on a status >= 400
  local method=$1 path=$2 tok=$3 data=${4:-} out status
  out=$(mktemp)
  status=$(curl -s -o "$out" -w '%{http_code}' -X "$method" "$BASE$path" -H "Authorization: Bearer $tok" \
    -H 'Content-Type: application/json' ${data:+-d "$data"})
  if ((status >= 400)); then
    log "$method $path: $status $(head -c 400 "$out")"; rm -f "$out"; return 1
  fi
  cat "$out"; rm -f "$out"
  API_STATUS=$status
}
sign_in() { # tenant-or-empty email password
  local body
  if [[ -n $1 ]]; then body=$(jq -nc --arg t "$1" --arg e "$2" --arg p "$3" '{tenant:$t,email:$e,password:$p}')
  else body=$(jq -nc --arg e "$2" --arg p "$3" '{email:$e,password:$p}'); fi
  curl -sf "$BASE/api/auth/token" -H 'Content-Type: application/json' -d "$body" | jq -r .access_token
}
story_body() { # n chunks
  local n=$1 chunks=$2 text="" j
  for ((j = 1; j <= chunks; j++)); do
    ((j > 1)) && text+=$'\n\n'
    text+="Story $n, part $j of $chunks. The lighthouse keeper counted the ships again, and the gulls"
    text+=" argued over the harbour while the tide came in slowly over the grey stones."
  done
  jq -nc --arg t "Reading bench story $n" --arg c "$text" --argjson m $((chunks * 2)) \
    '{title:$t, content:$c, difficulty:"elementary", language:"en", estimatedMinutes:$m}'
}

# --- the data -----------------------------------------------------------------------------------------
ROOT_TOKEN=""
ensure_school() { # n -> sets TID
  local n=$1 slug admin_tok="" teacher_tok="" k id status need
  slug=$(printf 'reading-%03d' "$n")
  local admin_email="admin@$slug.test" teacher_email="teacher@$slug.test"
  TID=$(psqlq -Atc "SELECT id FROM tenants WHERE slug = '$slug'")
  if [[ -z $TID ]]; then
    [[ -n $ROOT_TOKEN ]] || ROOT_TOKEN=$(sign_in "" "$ADMIN_EMAIL" "$ADMIN_PASS")
    api POST /api/platform/tenants "$ROOT_TOKEN" "$(jq -nc --arg s "$slug" --arg n "Reading School $n" --arg e "$admin_email" \
      --arg p "$SCHOOL_ADMIN_PASS" '{slug:$s,name:$n,admin:{email:$e,password:$p,displayName:"Reading Admin"}}')" >/dev/null
    TID=$(psqlq -Atc "SELECT id FROM tenants WHERE slug = '$slug'")
  fi
  user_exists() { [[ -n $(psqlq -Atc "SELECT 1 FROM users WHERE tenant_id = '$TID' AND lower(email) = '$1'") ]]; }
  admin() { [[ -n $admin_tok ]] || admin_tok=$(sign_in "$slug" "$admin_email" "$SCHOOL_ADMIN_PASS"); }
  if ! user_exists "$teacher_email"; then
    admin
    api POST /api/users "$admin_tok" "$(jq -nc --arg e "$teacher_email" --arg p "$TEACHER_PASS" \
      '{email:$e,password:$p,displayName:"Reading Teacher",roles:["teacher"]}')" >/dev/null
  fi
  if ! user_exists student-template@reading.bench; then
    admin
    api POST /api/users "$admin_tok" "$(jq -nc --arg p "$STUDENT_PASS" \
      '{email:"student-template@reading.bench",password:$p,displayName:"Reading Student Template",roles:["student"],gradeLevel:"7",readingLevel:"intermediate"}')" >/dev/null
  fi
  for ((k = 1; k <= STORIES; k++)); do
    id="" status=""
    IFS='|' read -r id status < <(psqlq -Atc "SELECT id, status FROM stories WHERE tenant_id = '$TID'
      AND title = 'Reading bench story $k' AND deleted_at IS NULL ORDER BY created_at LIMIT 1") || true
    [[ $status == published ]] && continue
    if [[ -z $id ]]; then
      [[ -n $teacher_tok ]] || teacher_tok=$(sign_in "$slug" "$teacher_email" "$TEACHER_PASS")
      id=$(api POST /api/stories "$teacher_tok" "$(story_body "$k" "${CHUNKS[$(((k - 1) % ${#CHUNKS[@]}))]}")" | jq -r .id)
    fi
    # An admin publishing a teacher's story publishes it at once (200): no approval waits.
    admin
    api POST "/api/stories/$id/publish" "$admin_tok" >/dev/null
    if [[ $API_STATUS != 200 ]]; then log "publishing story $id answered $API_STATUS, not 200"; exit 1; fi
  done
}

make_students() { # tenant
  psql -X -q -1 -v ON_ERROR_STOP=1 -d "$DB" -At -v tid="$1" -v per="$PER_SCHOOL" -v days="$BACKDATE_DAYS" \
    -f "$BENCH_SRC/sql/functions.sql" -f "$BENCH_SRC/sql/reading-students.sql" | tail -1
}

setup_data() {
  local n made total=0 t0 now
  t0=$(date +%s)
  for ((n = 1; n <= SCHOOLS; n++)); do
    ensure_school "$n"
    made=$(make_students "$TID")
    total=$((total + made))
    now=$(date +%s)
    log "data: school $n/$SCHOOLS ready ($STORIES published stories, $PER_SCHOOL students, $made new), $((now - t0)) s elapsed"
  done
  # Events reach back DAYS days, and none may be older than its story: the bench stories (and
  # their versions) were written, as far as the data says, before that.
  psqlq -c "UPDATE stories SET created_at = now() - make_interval(days => $BACKDATE_DAYS)
              WHERE tenant_id IN (SELECT id FROM tenants WHERE slug ~ '^reading-[0-9]{3}\$')
                AND created_at > now() - make_interval(days => $BACKDATE_DAYS)"
  psqlq -c "UPDATE story_versions SET created_at = now() - make_interval(days => $BACKDATE_DAYS)
              WHERE tenant_id IN (SELECT id FROM tenants WHERE slug ~ '^reading-[0-9]{3}\$')
                AND created_at > now() - make_interval(days => $BACKDATE_DAYS)"
  ((total == 0)) || psqlq -c "ANALYZE users; ANALYZE user_roles"
}

export_lists() {
  psqlq -c "COPY (
      SELECT u.tenant_id, u.id, u.email, u.token_version FROM users u JOIN tenants t ON t.id = u.tenant_id
      WHERE t.slug ~ '^reading-[0-9]{3}\$' AND substr(t.slug, 9)::int <= $SCHOOLS
        AND u.email ~ '^student-[0-9]{5}@reading\\.bench\$' AND substr(u.email, 9, 5)::int <= $PER_SCHOOL
      ORDER BY substr(u.email, 9, 5), t.slug LIMIT $STUDENTS) TO STDOUT WITH (FORMAT csv)" >"$OUT/students.csv"
  psqlq -c "COPY (
      SELECT s.tenant_id, s.id, s.published_version, count(c.id),
             (extract(epoch FROM greatest(s.created_at, v.created_at)) * 1000)::bigint
      FROM stories s JOIN tenants t ON t.id = s.tenant_id
      JOIN story_versions v ON v.tenant_id = s.tenant_id AND v.story_id = s.id AND v.version_number = s.published_version
      JOIN story_chunks c ON c.tenant_id = v.tenant_id AND c.version_id = v.id
      WHERE t.slug ~ '^reading-[0-9]{3}\$' AND substr(t.slug, 9)::int <= $SCHOOLS AND s.status = 'published'
        AND s.deleted_at IS NULL AND s.title ~ '^Reading bench story [0-9]+\$'
        AND substr(s.title, 21)::int <= $STORIES
      GROUP BY s.tenant_id, s.id, s.published_version, s.created_at, v.created_at
      ORDER BY s.tenant_id, s.title) TO STDOUT WITH (FORMAT csv)" >"$OUT/stories.csv"
  log "lists: $(wc -l <"$OUT/students.csv") students, $(wc -l <"$OUT/stories.csv") stories ($(cut -d, -f4 "$OUT/stories.csv" | sort -n | uniq | tr '\n' ' ')chunks)"
}

# The rows the run is checked against: reading_events of the bench schools (once the table exists).
count_events() {
  if [[ -z $(psqlq -Atc "SELECT to_regclass('reading_events')") ]]; then echo -1; return; fi
  psqlq -Atc "SELECT count(*) FROM reading_events
              WHERE tenant_id IN (SELECT id FROM tenants WHERE slug ~ '^reading-[0-9]{3}\$')"
}

kv() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2" | head -1; }

# ==================================================================================================
main() {
  command -v jq >/dev/null || { log "jq is needed (apt-get install jq)"; exit 1; }
  if [[ $SKIP_BUILD != true || ! -f $ROOT/target/lectern.jar ]]; then
    log "building the jar"; (cd "$ROOT" && mvn -q -B package -DskipTests)
  fi
  log "compiling the client"
  rm -rf "$OUT/classes"
  javac -d "$OUT/classes" "$BENCH_SRC"/java/org/lectern/bench/reading/*.java
  if [[ $FRESH == true ]]; then
    log "BENCH_READING_FRESH: dropping database $DB"
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
  fi
  if ! psql -X -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    log "creating database $DB"; psql -X -q -d postgres -c "CREATE DATABASE $DB"
  fi

  start_app "$OUT/server.log"
  log "data: $SCHOOLS schools x $PER_SCHOOL students, $STORIES stories each"
  setup_data
  export_lists

  local before after driver rc=0
  before=$(count_events)
  driver=$OUT/driver.txt
  if [[ $PROFILE == true ]]; then # JFR on the server JVM, profile settings, for the client's whole run
    rm -f "$OUT/reading.jfr"
    jcmd "$(jvm_pid)" JFR.start name=reading settings=profile filename="$OUT/reading.jfr" >/dev/null
  fi
  java -XX:+UseSerialGC -Xmx1g -cp "$OUT/classes" org.lectern.bench.reading.ReadingLoad --mode "$MODE" --base "$BASE" \
    --key "$OUT/data/keys/jwt-private.pem" --students "$OUT/students.csv" --stories "$OUT/stories.csv" \
    --events-per-student "$PER_STUDENT" --batch "$BATCH" --connections "$CONNS" --days "$DAYS" \
    --seed "$SEED" --server-pid "$(jvm_pid)" --db "$DB" | tee "$driver" || rc=$?
  after=$(count_events)
  if [[ $PROFILE == true ]]; then
    jcmd "$(jvm_pid)" JFR.stop name=reading >/dev/null || true
    jfr print --stack-depth 64 --events jdk.ExecutionSample "$OUT/reading.jfr" >"$OUT/reading-samples.txt"
    python3 "$BENCH_SRC/topframes.py" "$OUT/reading-samples.txt" >"$OUT/reading-top-frames.txt"
    log "profile: $OUT/reading-top-frames.txt"
  fi
  stop_app

  local lines; lines=$(grep '^BENCH' "$driver" | sed 's/^BENCH //' | tr '\n' ' ')
  if [[ $MODE != load || $rc -eq 2 || $rc -eq 3 ]]; then
    {
      echo "Reading-events benchmark $(date -u +%Y-%m-%dT%H:%MZ), mode $MODE: $SCHOOLS schools, $(wc -l <"$OUT/students.csv") students"
      echo "  /api/me with minted tokens: $(kv me_ok "$lines") of $(kv me_checked "$lines") ok; stories readable: $(kv stories_ok "$lines") of $(kv stories_checked "$lines"); broken signature: $(kv forged_status "$lines")"
      echo "  POST /api/reading-progress/events answers an empty batch with $(kv endpoint_status "$lines") ($(kv endpoint "$lines"))"
    } | tee "$RESULTS"
    return "$rc"
  fi

  local sent acc wall eps
  acc=$(kv accepted "$lines"); eps=$(kv events_per_s "$lines")
  {
    echo
    echo "Reading-events benchmark $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, commit $(git -C "$ROOT" rev-parse --short HEAD)"
    echo "$SCHOOLS schools, $(kv students "$lines") students x $(kv events_per_student "$lines") events, batches of $BATCH, $CONNS connections, events over $DAYS days, seed $SEED"
    printf '%-48s %s\n' "events ingested (unique)" "$(kv unique_events "$lines")"
    printf '%-48s %s\n' "events sent (with repeats)" "$(kv events_sent "$lines") in $(kv requests "$lines") requests ($(kv retried_requests "$lines") retries)"
    printf '%-48s %s\n' "wall time (s)" "$(kv wall_s "$lines")"
    printf '%-48s %s   target >= 5000: %s\n' "events/s" "$eps" \
      "$(awk -v v="$eps" 'BEGIN{print (v >= 5000) ? "MET" : "MISSED"}')"
    printf '%-48s %s\n' "  after the first 10 % of events" "$(kv steady_events_per_s "$lines")"
    printf '%-48s %s\n' "  events sent/s, requests/s" "$(kv sent_events_per_s "$lines"), $(kv requests_per_s "$lines")"
    printf '%-48s %s / %s / %s / %s\n' "request p50 / p90 / p99 / max (ms)" "$(kv p50_ms "$lines")" "$(kv p90_ms "$lines")" "$(kv p99_ms "$lines")" "$(kv max_ms "$lines")"
    printf '%-48s %s (statements:batches %s)\n' "X-Sql-Statements per batch, mean" "$(kv sql_statements_avg "$lines")" "$(kv sql_statements_hist "$lines")"
    printf '%-48s %s\n' "answers: accepted / duplicates / refused" "$acc / $(kv duplicates "$lines") / $(kv refused "$lines") (codes: $(kv refused_codes "$lines"))"
    printf '%-48s %s\n' "HTTP statuses (status:count)" "$(kv statuses "$lines"), failed requests $(kv failed_requests "$lines")"
    printf '%-48s %s\n' "CPU s: server JVM / PostgreSQL backends / client" "$(kv cpu_server_s "$lines") / $(kv cpu_postgres_s "$lines") / $(kv cpu_client_s "$lines")"
    printf '%-48s %s\n' "  CPU ms per request: server / PostgreSQL" "$(awk -v s="$(kv cpu_server_s "$lines")" -v p="$(kv cpu_postgres_s "$lines")" \
      -v r="$(kv requests "$lines")" 'BEGIN{ if (r > 0) printf "%.1f / %.1f", 1000*s/r, 1000*p/r; else print "n/a" }')"
    if ((before >= 0)); then
      local delta=$((after - before)) verdict=MISMATCH
      [[ $delta == "$acc" ]] && verdict=OK
      printf '%-48s %s\n' "reading_events rows: before / after / added" "$before / $after / $delta, accepted $acc: $verdict"
    else
      printf '%-48s %s\n' "reading_events rows" "no table reading_events"
    fi
    echo "The record against its events (all runs in $DB; check | from the events | kept | verdict):"
    psql -X -q -At -d "$DB" -v ON_ERROR_STOP=1 -f "$BENCH_SRC/sql/reading-check.sql" | sed 's/^/  /'
    echo "Client output: $driver; server log: $OUT/server.log"
  } | tee "$RESULTS"
  return "$rc"
}

main "$@"
