#!/usr/bin/env bash
# Side-by-side h2load benchmark of APNs server implementations, on this machine, in one run.
#
#   src/bench/run-h2load.sh                       # every target, results in target/bench/
#   src/bench/run-h2load.sh --profile             # ... then a JFR profile of pushsim-full under the same load
#   src/bench/run-h2load.sh --targets pushsim-full,bare-netty
#   src/bench/run-h2load.sh --profile-only        # only the JFR profile
#
# Targets (see src/test/java/dev/pushsim/bench/BenchServer.java):
#   1 pushsim-full      PushSim, token auth (real ES256 JWT), full validation, journal, device router, TLS,
#                       per-token rate limit ON (Apple's 100/10 s) with the load spread over BENCH_TOKENS tokens;
#                       the tokens are registered in APNs, no simulated device holds them
#   1d pushsim-devices  as 1, and every token held by the VoIP app of a simulated iPhone (PushKit/CallKit per push)
#   2 pushsim-cert      PushSim, certificate auth, otherwise as 1. h2load cannot present a client certificate, so
#                       2 and 1 are both measured with LoadGenerator (src/test/java/dev/pushsim/bench), a Java load
#                       generator in h2load's shape, after the h2load runs; the table derives 2 from that ratio
#   3 pushy-accept-all  Pushy 0.15.4 MockApnsServer + AcceptAllPushNotificationHandlerFactory
#   4 pushy-validating  Pushy 0.15.4 MockApnsServer + ValidatingPushNotificationHandlerFactory, token auth
#   5 bare-netty        Netty Http2FrameCodec + one handler answering 200 + apns-id: the stack's ceiling
#
# Every target: its own JVM with the same flags, the same TLS stack (JDK provider, ALPN h2), the same
# number of event loop threads, 127.0.0.1 only, the same port, and byte-for-byte the same h2load command
# (pushsim-devices reads a URI list of its own, in the same format: the tokens its iPhones were issued).
# Every step is bounded: h2load runs for a fixed duration under `timeout`, servers are stopped by the PID
# this script started.
#
# Warm-up: separate h2load runs of BENCH_WARMUP_SLICE seconds (same flags but -D) until at least BENCH_WARMUP
# seconds have passed and the last slice's req/s is within BENCH_WARMUP_TOLERANCE % of the one before, at most
# BENCH_WARMUP_MAX seconds. On 2 shared cores the JIT compiler threads compete with h2load and the event loops,
# and a fixed 10 s warm-up measured anywhere from 25 % to 100 % of the steady rate; with 15 s, two slices could
# agree while the JIT was still compiling (44k, 44k, then 69k req/s measured), hence at least 30 s.
#
# Environment knobs: BENCH_PORT (2297) BENCH_TOKENS (100000) BENCH_WARMUP (30) BENCH_WARMUP_MAX (90) BENCH_GEN_WARMUP (40)
#   BENCH_WARMUP_SLICE (5) BENCH_WARMUP_TOLERANCE (5)
#   BENCH_DURATION (20, seconds) BENCH_CLIENTS (4) BENCH_STREAMS (100) BENCH_THREADS (2, server event loops)
#   BENCH_JVM_FLAGS ("-Xms512m -Xmx512m") BENCH_OUT (target/bench) BENCH_PROFILE_TARGET (pushsim-full)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=src/bench/lib.sh
. "$ROOT/src/bench/lib.sh"
OUT="${BENCH_OUT:-$ROOT/target/bench}"
WORK="$OUT/work"
PORT="${BENCH_PORT:-2297}"
# 100,000 tokens leave room for 1,000,000 req/s under the 100-per-10-s limit: with 20,000 (room for 200,000) the
# 2026-12-03 run measured 183,750 req/s and got 35,998 429s, as the limit's fixed windows bunch up the load.
TOKENS="${BENCH_TOKENS:-100000}"
WARMUP="${BENCH_WARMUP:-30}"
WARMUP_MAX="${BENCH_WARMUP_MAX:-90}"
WARMUP_SLICE="${BENCH_WARMUP_SLICE:-5}"
WARMUP_TOLERANCE="${BENCH_WARMUP_TOLERANCE:-5}"
DURATION="${BENCH_DURATION:-20}"
CLIENTS="${BENCH_CLIENTS:-4}"
STREAMS="${BENCH_STREAMS:-100}"
THREADS="${BENCH_THREADS:-2}"
read -r -a JVM_FLAGS <<< "${BENCH_JVM_FLAGS:--Xms512m -Xmx512m}"
GEN_WARMUP="${BENCH_GEN_WARMUP:-40}"
ALL_TARGETS=(pushsim-full pushsim-devices pushsim-cert pushy-accept-all pushy-validating bare-netty)
TOPIC="com.example.voip.voip"
# The APNs headers of every request, whichever client sends it (h2load, curl, LoadGenerator).
APNS_HEADERS=(-H "apns-topic: $TOPIC" -H "apns-push-type: voip" -H "apns-priority: 10" -H "apns-expiration: 0")

TARGETS=("${ALL_TARGETS[@]}")
RUN_BENCH=1
PROFILE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) PROFILE=1 ;;
    --profile-only) PROFILE=1; RUN_BENCH=0 ;;
    --targets) shift; IFS=, read -r -a TARGETS <<< "$1" ;;
    -h|--help) sed -n '2,36p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

# The first N lines of stdin. Unlike head, reads all of its input, so that no writer dies of SIGPIPE
# (which set -o pipefail would turn into a failed script).
first() { awk -v n="$1" 'NR <= n'; }
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ------------------------------------------------------------------ server lifecycle (by PID only)

SERVER_PID=""
stop_server() {
  local pid="$SERVER_PID"
  [ -n "$pid" ] || return 0
  SERVER_PID=""
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      log "server $pid ignored SIGTERM for 10 s; SIGKILL"
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}
trap stop_server EXIT
trap 'exit 130' INT TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

# start_server TARGET LOGFILE [EXTRA JVM FLAG...]: starts the JVM, waits for its .env file; sets SERVER_PID.
start_server() {
  local target="$1" logfile="$2" env="$WORK/$1.env"
  shift 2
  for _ in $(seq 1 150); do port_in_use || break; sleep 0.2; done
  port_in_use && die "127.0.0.1:$PORT is still in use; set BENCH_PORT"
  rm -f "$env"
  unset CLIENT_CERT CLIENT_KEY
  java "${JVM_FLAGS[@]}" "$@" -cp "$CP" dev.pushsim.bench.BenchServer serve "$target" "$PORT" "$WORK" "$THREADS" >"$logfile" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    [ -f "$env" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$logfile" >&2; SERVER_PID=""; die "$target exited during start-up"; }
    sleep 0.2
  done
  [ -f "$env" ] || die "$target did not start within 60 s (see $logfile)"
  # shellcheck disable=SC1090
  . "$env"
  [ "$PID" = "$SERVER_PID" ] || die "$target reports PID $PID, started $SERVER_PID"
  cp "$URIS" "$WORK/uris.txt" # the one list h2load reads: the prepared tokens, or those pushsim-devices issued
}

# ------------------------------------------------------------------ h2load

# The one h2load command every target gets. Timing-based (-D): every target is measured over the
# same wall-clock window, the run always ends, and the request count is bounded by time x rate.
h2load_args() {
  local seconds="$1"
  H2=(h2load -D "$seconds" -c "$CLIENTS" -m "$STREAMS" -t 1 -N 10s
      -i "$WORK/uris.txt" -d "$WORK/payload.json"
      -H "authorization: $AUTH" "${APNS_HEADERS[@]}")
}

run_h2load() { # SECONDS OUTFILE [REQUEST LOG]: measured runs also log every request, for the latency percentiles
  h2load_args "$1"
  [ -z "${3:-}" ] || H2+=("--log-file=$3")
  timeout -k 5 $(( $1 + 30 )) "${H2[@]}" >"$2" 2>&1 || log "h2load exited with $? (see $2)"
}

# latency_percentiles REQUEST_LOG: h2load prints only min/mean/max/sd; its per-request log (start, status, microseconds)
# gives the percentiles. Sets P50 P99 P999 (ms) over the requests that got an answer; deletes the log (~25 bytes a request).
latency_percentiles() {
  local sorted="$1.sorted" n
  awk -F'\t' '$2 != -1 {print $3}' "$1" | sort -n >"$sorted"
  n="$(wc -l <"$sorted")"
  percentile() { # P: the smallest latency that at least P % of the requests do not exceed
    if [ "$n" -gt 0 ]; then
      sed -n "$(awk -v n="$n" -v p="$1" 'BEGIN { i = int(p / 100 * n); if (i < p / 100 * n) i++; if (i < 1) i = 1; print i }')p" "$sorted" \
        | awk '{printf "%.2fms", $1 / 1000}'
    else
      echo "-"
    fi
  }
  P50="$(percentile 50)"; P99="$(percentile 99)"; P999="$(percentile 99.9)"
  rm -f "$1" "$sorted"
}

# CPU accounting of a measured run, so that a run disturbed by other processes on this shared machine shows.
HZ="$(getconf CLK_TCK 2>/dev/null || echo 100)"
cpu_stat() { awk '/^cpu / {print $2 + $3 + $4, $9}' /proc/stat; }            # user+nice+system, steal (ticks, all CPUs)
proc_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; } # utime+stime of all the process's threads

# measure_h2load SECONDS OUTFILE: run_h2load plus CPU use during it; sets CPU_SERVER CPU_H2LOAD CPU_OTHER CPU_STEAL (cores)
measure_h2load() {
  local b0 st0 s0 b1 st1 s1 start end h
  read -r b0 st0 < <(cpu_stat); s0="$(proc_ticks "$SERVER_PID")"; start="$(date +%s.%N)"
  local TIMEFORMAT='%U %S'
  { time run_h2load "$1" "$2" "$2.requests.tsv"; } 2>"$2.time"
  end="$(date +%s.%N)"; read -r b1 st1 < <(cpu_stat); s1="$(proc_ticks "$SERVER_PID")"
  h="$(awk 'END {print $1 + $2}' "$2.time")"; rm -f "$2.time"
  read -r CPU_SERVER CPU_H2LOAD CPU_OTHER CPU_STEAL < <(awk -v hz="$HZ" -v w="$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}')" \
    -v b="$((b1 - b0))" -v st="$((st1 - st0))" -v s="$((s1 - s0))" -v h="$h" 'BEGIN {
      server = s / hz / w; client = h / w; other = b / hz / w - server - client; if (other < 0) other = 0
      printf "%.2f %.2f %.2f %.2f\n", server, client, other, st / hz / w }')
}

# parse_h2load FILE: sets RPS TOTAL DONE OK FAILED ERRORED TIMEOUTS S2XX S3XX S4XX S5XX LMIN LMAX LMEAN LSD TLS
parse_h2load() {
  local f="$1"
  RPS=$(sed -n 's/^finished in [^,]*, \([0-9.]*\) req\/s.*/\1/p' "$f")
  read -r TOTAL DONE OK FAILED ERRORED TIMEOUTS < <(sed -n \
    's/^requests: \([0-9]*\) total, [0-9]* started, \([0-9]*\) done, \([0-9]*\) succeeded, \([0-9]*\) failed, \([0-9]*\) errored, \([0-9]*\) timeout.*/\1 \2 \3 \4 \5 \6/p' "$f")
  read -r S2XX S3XX S4XX S5XX < <(sed -n 's/^status codes: \([0-9]*\) 2xx, \([0-9]*\) 3xx, \([0-9]*\) 4xx, \([0-9]*\) 5xx.*/\1 \2 \3 \4/p' "$f")
  read -r LMIN LMAX LMEAN LSD < <(awk '/^time for request:/ {print $4, $5, $6, $7}' "$f")
  TLS="$(awk -F': ' '/^TLS Protocol:/ {p=$2} /^Cipher:/ {c=$2} END {print p " " c}' "$f")"
  RPS="${RPS:-0}"; TOTAL="${TOTAL:-0}"; OK="${OK:-0}"; FAILED="${FAILED:-0}"; ERRORED="${ERRORED:-0}"; TIMEOUTS="${TIMEOUTS:-0}"
  S2XX="${S2XX:-0}"; S3XX="${S3XX:-0}"; S4XX="${S4XX:-0}"; S5XX="${S5XX:-0}"
  LMIN="${LMIN:--}"; LMAX="${LMAX:--}"; LMEAN="${LMEAN:--}"; LSD="${LSD:--}"
}

# warm_up TARGET LABEL: h2load slices until the rate settles; sets WARMUP_TRACE, WARMUP_DONE (seconds), WARMUP_OK.
warm_up() {
  local prev="" rps elapsed=0 slice=0
  WARMUP_TRACE=""; WARMUP_OK=1
  : >"$OUT/$2.warmup.txt"
  while :; do
    slice=$((slice + 1))
    run_h2load "$WARMUP_SLICE" "$OUT/$2.warmup.$slice.txt"
    parse_h2load "$OUT/$2.warmup.$slice.txt"
    { echo "=== warm-up slice $slice"; cat "$OUT/$2.warmup.$slice.txt"; } >>"$OUT/$2.warmup.txt"
    rm -f "$OUT/$2.warmup.$slice.txt"
    elapsed=$((elapsed + WARMUP_SLICE))
    rps="${RPS%.*}"
    WARMUP_TRACE+="${WARMUP_TRACE:+ > }$rps"
    if [ "$S2XX" = 0 ] || [ $((S3XX + S4XX + S5XX + FAILED + ERRORED + TIMEOUTS)) -gt 0 ]; then
      WARMUP_OK=0; break
    fi
    if [ "$elapsed" -ge "$WARMUP" ] && [ -n "$prev" ] && [ "$prev" -gt 0 ] \
        && [ $(( (rps - prev) * 100 / prev )) -le "$WARMUP_TOLERANCE" ] && [ $(( (prev - rps) * 100 / prev )) -le "$WARMUP_TOLERANCE" ]; then
      break
    fi
    [ "$elapsed" -ge "$WARMUP_MAX" ] && break
    prev="$rps"
  done
  WARMUP_DONE="$elapsed"
  log "$1: warm-up ${elapsed}s, req/s per ${WARMUP_SLICE}s slice: $WARMUP_TRACE"
}

to_ms() { # 812us | 12.3ms | 1.2s -> milliseconds
  awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 } else print "" }'
}

# preflight TARGET: one request with curl, trusting the target's CA; must answer HTTP/2 200.
preflight() {
  local url extra=() status
  command -v curl >/dev/null || { echo "curl missing: preflight skipped"; return 0; }
  url="$(sed -n 1p "$WORK/uris.txt")"
  [ -n "${CLIENT_CERT:-}" ] && extra=(--cert "$CLIENT_CERT" --key "$CLIENT_KEY")
  status="$(curl -sS --max-time 10 --http2 --cacert "$CA_PEM" "${extra[@]}" -o "$OUT/$1.preflight.body" -w '%{http_version} %{http_code}' \
    -H "authorization: $AUTH" "${APNS_HEADERS[@]}" \
    --data-binary "@$WORK/payload.json" "$url" 2>&1)" || true
  echo "$status$(head -c 300 "$OUT/$1.preflight.body" 2>/dev/null | sed 's/^./ &/')"
}

# ------------------------------------------------------------------ setup

command -v java >/dev/null || die "java is not on the PATH"
command -v mvn >/dev/null || die "mvn is not on the PATH"
if ! command -v h2load >/dev/null; then
  log "h2load missing: installing nghttp2-client"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get install -y nghttp2-client || { $SUDO apt-get update && $SUDO apt-get install -y nghttp2-client; }
fi
command -v h2load >/dev/null || die "h2load is still missing"

mkdir -p "$OUT" "$WORK"
cd "$ROOT"
log "building the test classpath (mvn test-compile, dependency:build-classpath; the first run downloads what it needs)"
test_classpath "$OUT/classpath.txt"

java "${JVM_FLAGS[@]}" -cp "$CP" dev.pushsim.bench.BenchServer prepare "$WORK" "$PORT" "$TOKENS" >&2
AUTH="$(cat "$WORK/authorization.txt")"
h2load_args "$DURATION"
H2_SHOWN=""
for arg in "${H2[@]}"; do
  case "$arg" in
    "authorization: "*) H2_SHOWN+="'authorization: bearer <ES256 JWT, ${#AUTH} chars>' " ;;
    *" "*) H2_SHOWN+="'${arg#"$ROOT/"}' " ;;
    *) H2_SHOWN+="${arg#"$ROOT/"} " ;;
  esac
done
H2_SHOWN="${H2_SHOWN% }"
TARGET_DESCRIPTIONS="$(java -cp "$CP" dev.pushsim.bench.BenchServer targets)"

# Can this h2load present a TLS client certificate? (nghttp2 1.52's cannot: no such option.)
H2LOAD_CERT_OPTION="$(h2load --help 2>&1 | grep -oE -- '--(cert|certificate|client-cert)[a-z-]*' | first 1 || true)"

# measure_generator TARGET: LoadGenerator against TARGET in the h2load run's shape (same URIs, payload, headers,
# connections, streams, duration), with its own warm-up in the same JVM (a fresh generator JVM needs one too);
# certificate targets present the client certificate instead of the authorization header. Sets G_* for TARGET.
declare -A G_RPS G_MEAN G_P50 G_P99 G_MAX G_OK G_FAILED G_CPU G_EFF G_GCPU G_VALID G_NOTE
measure_generator() {
  local target="$1" props="$OUT/$1.generator.properties" auth=()
  log "$target: starting for LoadGenerator ($OUT/$target.generator.server.log)"
  start_server "$target" "$OUT/$target.generator.server.log"
  local pre; pre="$(preflight "$target")"
  if [ -n "${CLIENT_CERT:-}" ]; then auth=(--cert "$CLIENT_CERT" --key "$CLIENT_KEY"); else auth=(-H "authorization: $AUTH"); fi
  rm -f "$props"
  log "$target: LoadGenerator -c $CLIENTS -m $STREAMS, ${GEN_WARMUP}s warm-up then ${DURATION}s measured"
  timeout -k 5 $((GEN_WARMUP + DURATION + 120)) java -Xms512m -Xmx512m -cp "$CP" dev.pushsim.bench.LoadGenerator \
    -i "$WORK/uris.txt" -d "$WORK/payload.json" -c "$CLIENTS" -m "$STREAMS" -t 1 -D "$DURATION" --warm-up-time "$GEN_WARMUP" \
    --cacert "$CA_PEM" --cpu-of "$SERVER_PID" --result "$props" "${auth[@]}" \
    "${APNS_HEADERS[@]}" >"$OUT/$target.generator.txt" 2>&1 || log "LoadGenerator exited with $? (see $OUT/$target.generator.txt)"
  stop_server
  prop() { sed -n "s/^$1=//p" "$props" 2>/dev/null; }
  G_RPS[$target]="$(prop req_per_s)"; G_MEAN[$target]="$(prop mean_ms)"; G_P50[$target]="$(prop p50_ms)"; G_P99[$target]="$(prop p99_ms)"
  G_MAX[$target]="$(prop max_ms)"; G_OK[$target]="$(prop status_2xx)"; G_CPU[$target]="$(prop server_cpu_cores)"; G_GCPU[$target]="$(prop generator_cpu_cores)"
  G_FAILED[$target]=$(( $(prop failed || echo 0) + $(prop status_4xx || echo 0) + $(prop status_5xx || echo 0) ))
  G_EFF[$target]="$(awk -v r="${G_RPS[$target]:-0}" -v c="${G_CPU[$target]:-0}" 'BEGIN { if (c > 0) printf "%.0f", r / c; else print "-" }')"
  if [ "${G_OK[$target]:-0}" -gt 0 ] && [ "${G_FAILED[$target]}" = 0 ] && [[ "$pre" == "2 200"* ]]; then
    G_VALID[$target]=1; G_NOTE[$target]="ok (preflight: HTTP/2 200)"
  else
    G_VALID[$target]=0; G_NOTE[$target]="INVALID: not every request answered 200 (preflight: $pre; see $OUT/$target.generator.txt)"
  fi
  log "$target (LoadGenerator): ${G_RPS[$target]:-?} req/s, p50 ${G_P50[$target]:-?} ms, ${G_OK[$target]:-0} 2xx, ${G_FAILED[$target]} failed or refused; CPU cores: server ${G_CPU[$target]:-?}, generator ${G_GCPU[$target]:-?}"
}

# ------------------------------------------------------------------ benchmark

declare -A R_P50 R_P99 R_P999 R_CPU R_CPU_H2 R_CPU_OTHER R_STEAL R_EFF R_WARMUP R_RPS R_MEAN R_MAX R_SD R_MIN R_OK R_NON2XX R_FAILED R_NOTE R_VALID R_TOTAL R_TLS
if [ "$RUN_BENCH" = 1 ]; then
  for target in "${TARGETS[@]}"; do
    R_VALID[$target]=0
    if [ "$target" = pushsim-cert ] && [ -z "$H2LOAD_CERT_OPTION" ]; then
      continue # measured after this loop, with LoadGenerator against (1) and (2) alike
    fi
    log "$target: starting ($OUT/$target.server.log)"
    start_server "$target" "$OUT/$target.server.log"
    pre="$(preflight "$target")"
    log "$target: preflight (curl): $pre"
    warm_up "$target" "$target"
    R_WARMUP[$target]="${WARMUP_DONE}s: $WARMUP_TRACE"
    log "$target: measuring, ${DURATION}s"
    measure_h2load "$DURATION" "$OUT/$target.h2load.txt"
    stop_server
    parse_h2load "$OUT/$target.h2load.txt"
    latency_percentiles "$OUT/$target.h2load.txt.requests.tsv"
    R_P50[$target]="$P50"; R_P99[$target]="$P99"; R_P999[$target]="$P999"
    R_RPS[$target]="$RPS"; R_MEAN[$target]="$LMEAN"; R_MAX[$target]="$LMAX"; R_SD[$target]="$LSD"; R_MIN[$target]="$LMIN"
    R_OK[$target]="$S2XX"; R_NON2XX[$target]=$((S3XX + S4XX + S5XX)); R_FAILED[$target]=$((FAILED + ERRORED + TIMEOUTS))
    R_TOTAL[$target]="$TOTAL"; R_TLS[$target]="$TLS"
    R_CPU[$target]="$CPU_SERVER"; R_CPU_H2[$target]="$CPU_H2LOAD"; R_CPU_OTHER[$target]="$CPU_OTHER"; R_STEAL[$target]="$CPU_STEAL"
    R_EFF[$target]="$(awk -v r="$RPS" -v c="$CPU_SERVER" 'BEGIN { if (c > 0) printf "%.0f", r / c; else print "-" }')"
    if [ "$S2XX" -gt 0 ] && [ "${R_NON2XX[$target]}" = 0 ] && [ "${R_FAILED[$target]}" = 0 ] && [[ "$pre" == "2 200"* ]]; then
      R_VALID[$target]=1; R_NOTE[$target]="ok (preflight: HTTP/2 200)"
      if awk -v o="$CPU_OTHER" -v s="$CPU_STEAL" 'BEGIN { exit !(o + s > 0.25) }'; then
        R_NOTE[$target]+="; CONTENDED: other processes/guests took $CPU_OTHER + $CPU_STEAL cores during the run, compare the per-CPU ratio or rerun"
      fi
    else
      R_NOTE[$target]="INVALID: not every request answered 200 (preflight: $pre; see $OUT/$target.h2load.txt)"
    fi
    log "$target: $RPS req/s, mean $LMEAN, max $LMAX, $S2XX 2xx, ${R_NON2XX[$target]} non-2xx, ${R_FAILED[$target]} failed; CPU cores: server $CPU_SERVER, h2load $CPU_H2LOAD, other processes $CPU_OTHER, steal $CPU_STEAL"
  done

  # ---------------------------------------------------------------- certificate auth: (2) against (1) on LoadGenerator
  CERT_RATIO=""; CERT_RATIO_CPU=""
  if [[ " ${TARGETS[*]} " == *" pushsim-cert "* ]] && [ -z "$H2LOAD_CERT_OPTION" ]; then
    measure_generator pushsim-full
    measure_generator pushsim-cert
    if [ "${G_VALID[pushsim-full]:-0}" = 1 ] && [ "${G_VALID[pushsim-cert]:-0}" = 1 ]; then
      CERT_RATIO="$(awk -v a="${G_RPS[pushsim-cert]}" -v b="${G_RPS[pushsim-full]}" 'BEGIN { printf "%.3g", a / b }')"
      CERT_RATIO_CPU="$(awk -v a="${G_EFF[pushsim-cert]}" -v b="${G_EFF[pushsim-full]}" 'BEGIN { if (a > 0 && b > 0) printf "%.3g", a / b; else print "-" }')"
    fi
    if [ -n "$CERT_RATIO" ] && [ "$CERT_RATIO_CPU" != "-" ] && [ "${R_VALID[pushsim-full]:-0}" = 1 ]; then
      # (2) on the h2load scale: h2load's (1) times the ratio of server CPU per request that one generator measured
      # for both. Not its req/s ratio: the generator spends as much CPU as the server, so on 2 shared cores its
      # req/s says as much about the generator as about the server.
      R_RPS[pushsim-cert]="$(awk -v r="${R_RPS[pushsim-full]}" -v k="$CERT_RATIO_CPU" 'BEGIN { printf "%.2f", r * k }')"
      R_EFF[pushsim-cert]="$(awk -v r="${R_EFF[pushsim-full]}" -v k="$CERT_RATIO_CPU" 'BEGIN { printf "%.0f", r * k }')"
      R_VALID[pushsim-cert]=1
      R_NOTE[pushsim-cert]="DERIVED, not measured with h2load (it cannot present a client certificate): h2load's (1) x $CERT_RATIO_CPU, the ratio (2)/(1) of requests per server CPU-second that LoadGenerator measured for both (their req/s ratio: $CERT_RATIO); see the table below"
    else
      R_NOTE[pushsim-cert]="not derived: the LoadGenerator runs of (1) and (2) or h2load's (1) were not all valid (see below)"
    fi
  fi

  # ---------------------------------------------------------------- report
  ratio() { # TARGET REFERENCE [cpu]: req/s ratio, or with "cpu" the ratio of req per server CPU-second
    if [ "${R_VALID[$1]:-0}" = 1 ] && [ "${R_VALID[$2]:-0}" = 1 ]; then
      if [ "${3:-}" = cpu ]; then
        awk -v a="${R_EFF[$1]}" -v b="${R_EFF[$2]}" 'BEGIN { if (a > 0 && b > 0) printf "%.3g", a / b; else print "-" }'
      else
        awk -v a="${R_RPS[$1]}" -v b="${R_RPS[$2]}" 'BEGIN { printf "%.3g", a / b }'
      fi
    else
      echo "-"
    fi
  }
  ratios() { echo "$(ratio "$1" "$2") ($(ratio "$1" "$2" cpu))"; }
  TLS_SEEN=""; for t in "${TARGETS[@]}"; do [ -n "${R_TLS[$t]:-}" ] && [ "${R_TLS[$t]}" != " " ] && { TLS_SEEN="${R_TLS[$t]}"; break; }; done
  number() { case "$1" in pushsim-full) echo 1;; pushsim-devices) echo 1d;; pushsim-cert) echo 2;; pushy-accept-all) echo 3;; pushy-validating) echo 4;; bare-netty) echo 5;; *) echo "?";; esac; }
  MD="$OUT/results.md"; CSV="$OUT/results.csv"
  {
    echo "# APNs server benchmark (h2load)"
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "- machine: nproc=$(nproc), $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null), $(uname -sr)"
    echo "- java: $(java -version 2>&1 | first 1); server JVM flags: ${JVM_FLAGS[*]}; $THREADS Netty event loop threads per target"
    echo "- h2load: $(h2load --version | first 1); client and servers share the machine's cores; loopback 127.0.0.1:$PORT"
    echo "- PushSim commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD -- src/main 2>/dev/null || echo ' (src/main modified)')"
    echo "- load: $TOKENS registered VoIP device tokens round-robin (h2load -i), payload \`$(cat "$WORK/payload.json")\` (PushSim's rate limit of 100 pushes per token per 10 s leaves room for $((TOKENS * 10)) req/s). Measured: one ${DURATION}s h2load run per target. Warm-up before it: separate h2load runs of ${WARMUP_SLICE}s (same command with -D ${WARMUP_SLICE}), discarded, repeated until >= ${WARMUP}s and the rate moved <= ${WARMUP_TOLERANCE}% between slices (at most ${WARMUP_MAX}s)"
    echo "- TLS negotiated: ${TLS_SEEN:-?}"
    echo "- h2load command (identical for every target; the warm-up slices differ only in -D ${WARMUP_SLICE}):"
    echo
    echo '```'
    echo "$H2_SHOWN"
    echo '```'
    echo
    echo "| # | target | req/s | mean latency | p50 | p99 | p99.9 | max latency | 2xx | non-2xx | failed | server CPU (cores) | req per server CPU-s | vs (3) pushy-accept-all | vs (4) pushy-validating | vs (5) bare-netty | other processes' CPU (cores) | note |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    for t in "${TARGETS[@]}"; do
      if [ -n "${R_RPS[$t]:-}" ]; then
        approx=""; [[ "${R_NOTE[$t]}" == DERIVED* ]] && approx="≈ "
        echo "| $(number "$t") | $t | $approx${R_RPS[$t]} | ${R_MEAN[$t]:--} | ${R_P50[$t]:--} | ${R_P99[$t]:--} | ${R_P999[$t]:--} | ${R_MAX[$t]:--} | ${R_OK[$t]:--} | ${R_NON2XX[$t]:--} | ${R_FAILED[$t]:--} | ${R_CPU[$t]:--} | $approx${R_EFF[$t]} | $approx$(ratios "$t" pushy-accept-all) | $approx$(ratios "$t" pushy-validating) | $approx$(ratios "$t" bare-netty) | ${R_CPU_OTHER[$t]:--} (steal ${R_STEAL[$t]:--}) | ${R_NOTE[$t]} |"
      else
        echo "| $(number "$t") | $t | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | ${R_NOTE[$t]:-not run} |"
      fi
    done
    echo
    echo "- Latency is h2load's \"time for request\" with $CLIENTS connections x $STREAMS streams in flight (queueing included);"
    echo "  the percentiles come from h2load's --log-file of the measured run (every answered request)."
    echo "  The run is time-based: requests still in flight when the ${DURATION}s window closes are not counted, which lowers a"
    echo "  slow target's req/s by roughly mean latency / ${DURATION}s (1.5 % at 300 ms)."
    echo "- vs (n): req/s of the row's target divided by the reference's; in brackets the same ratio of req per server CPU-second"
    echo "  (less sensitive to what else runs on the machine). Only targets whose every request got 200 are compared."
    echo "- CPU (from /proc, over the measured run): the server JVM's own user+system time; other processes' = the machine's"
    echo "  user+system time minus the server's and h2load's; steal = time the hypervisor gave to other guests."
    echo "  h2load itself used: $(for t in "${TARGETS[@]}"; do [ -n "${R_CPU_H2[$t]:-}" ] && printf '%s %s, ' "$t" "${R_CPU_H2[$t]}"; done | sed 's/, $//') cores."
    echo
    if [ -n "${G_RPS[pushsim-cert]:-}${G_RPS[pushsim-full]:-}" ]; then
      echo "## Certificate auth (2) against token auth (1), on one generator"
      echo
      echo "h2load cannot present a TLS client certificate, so (1) and (2) were also measured with LoadGenerator"
      echo "(src/test/java/dev/pushsim/bench/LoadGenerator.java): a Netty HTTP/2 client in h2load's shape, each target in a"
      echo "fresh server JVM, with the same URI list, payload, headers, $CLIENTS connections x $STREAMS streams, ${GEN_WARMUP}s warm-up"
      echo "in the generator's own JVM, then ${DURATION}s measured. (2) presents a VoIP Services client certificate and sends no"
      echo "authorization header; (1) sends the ES256 JWT. Latency is from send to the end of the answer, as h2load's."
      echo
      echo "| # | target | req/s | mean ms | p50 ms | p99 ms | max ms | 2xx | failed or refused | server CPU (cores) | req per server CPU-s | generator CPU (cores) | note |"
      echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
      for t in pushsim-full pushsim-cert; do
        echo "| $(number "$t") | $t | ${G_RPS[$t]:--} | ${G_MEAN[$t]:--} | ${G_P50[$t]:--} | ${G_P99[$t]:--} | ${G_MAX[$t]:--} | ${G_OK[$t]:--} | ${G_FAILED[$t]:--} | ${G_CPU[$t]:--} | ${G_EFF[$t]:--} | ${G_GCPU[$t]:--} | ${G_NOTE[$t]:-} |"
      done
      echo
      echo "- (2)/(1) on LoadGenerator: **${CERT_RATIO:--}** in req/s, ${CERT_RATIO_CPU:--} in req per server CPU-second."
      echo "- The same (1) on both clients: h2load ${R_RPS[pushsim-full]:--} req/s, LoadGenerator ${G_RPS[pushsim-full]:--} req/s; LoadGenerator"
      echo "  spends about as much CPU as the server it loads, h2load about a third. The (2) row of the table above is h2load's (1)"
      echo "  times the per-CPU ratio, marked ≈: an estimate of what h2load would measure, not a measurement."
      echo
    fi
    echo "Warm-up (seconds: req/s of each ${WARMUP_SLICE}s slice):"
    for t in "${TARGETS[@]}"; do
      [ -n "${R_WARMUP[$t]:-}" ] && echo "- $t: ${R_WARMUP[$t]}"
    done
    echo
    echo "Targets:"
    for t in "${TARGETS[@]}"; do
      echo "- ($(number "$t")) $t: $(awk -F'\t' -v t="$t" '$1 == t {print $2}' <<< "$TARGET_DESCRIPTIONS")"
    done
    echo
    echo "Raw h2load output: ${OUT#"$ROOT/"}/<target>.h2load.txt (warm-up slices: <target>.warmup.txt); server logs: <target>.server.log."
  } >"$MD"
  {
    echo "target,req_per_s,mean_ms,max_ms,min_ms,sd_ms,p50_ms,p99_ms,p999_ms,requests,ok_2xx,non_2xx,failed,valid,server_cpu_cores,req_per_server_cpu_s,h2load_cpu_cores,other_cpu_cores,steal_cores,vs_pushy_accept_all,vs_pushy_validating,vs_bare_netty,vs_pushy_accept_all_per_cpu,vs_pushy_validating_per_cpu,vs_bare_netty_per_cpu,note"
    for t in "${TARGETS[@]}"; do
      note="${R_NOTE[$t]:-}"; note="${note//\"/\'}"
      if [ -n "${R_RPS[$t]:-}" ]; then
        echo "$t,${R_RPS[$t]},$(to_ms "${R_MEAN[$t]:-}"),$(to_ms "${R_MAX[$t]:-}"),$(to_ms "${R_MIN[$t]:-}"),$(to_ms "${R_SD[$t]:-}"),$(to_ms "${R_P50[$t]:-}"),$(to_ms "${R_P99[$t]:-}"),$(to_ms "${R_P999[$t]:-}"),${R_TOTAL[$t]:-},${R_OK[$t]:-},${R_NON2XX[$t]:-},${R_FAILED[$t]:-},${R_VALID[$t]},${R_CPU[$t]:-},${R_EFF[$t]},${R_CPU_H2[$t]:-},${R_CPU_OTHER[$t]:-},${R_STEAL[$t]:-},$(ratio "$t" pushy-accept-all),$(ratio "$t" pushy-validating),$(ratio "$t" bare-netty),$(ratio "$t" pushy-accept-all cpu),$(ratio "$t" pushy-validating cpu),$(ratio "$t" bare-netty cpu),\"$note\""
      else
        echo "$t,,,,,,,,,,,,,0,,,,,,,,,,,,\"$note\""
      fi
    done
    for t in pushsim-full pushsim-cert; do
      [ -z "${G_RPS[$t]:-}" ] || echo "$t (LoadGenerator),${G_RPS[$t]},${G_MEAN[$t]},${G_MAX[$t]},,,${G_P50[$t]},${G_P99[$t]},,,${G_OK[$t]},,${G_FAILED[$t]},${G_VALID[$t]},${G_CPU[$t]},${G_EFF[$t]},${G_GCPU[$t]},,,,,,,,,\"p50 ${G_P50[$t]} ms; p99 ${G_P99[$t]} ms; generator CPU in the h2load_cpu_cores column; ${G_NOTE[$t]//\"/\'}\""
    done
  } >"$CSV"
  echo
  cat "$MD"
  echo
  log "written $MD and $CSV"
fi

# ------------------------------------------------------------------ profile

if [ "$PROFILE" = 1 ]; then
  command -v jcmd >/dev/null && command -v jfr >/dev/null || die "jcmd and jfr (JDK tools) are needed for --profile"
  target="${BENCH_PROFILE_TARGET:-pushsim-full}"
  JFR="$OUT/$target.jfr"
  rm -f "$JFR"
  # JFR must be running from launch: starting it in a warm JVM (jcmd JFR.start) deoptimizes compiled code,
  # and on 2 shared cores the re-warm-up took most of the recording (measured: 90k -> 20k req/s). So a
  # light background recording starts with the JVM, and the profile recording of the measured window
  # is a second recording, which costs no re-warm-up.
  log "profile: starting $target with the same flags plus a background JFR recording (settings=default)"
  start_server "$target" "$OUT/$target.profile.server.log" -XX:StartFlightRecording=name=background,settings=default,maxsize=16m
  warm_up "$target" "$target.profile"
  jcmd "$SERVER_PID" JFR.start name=window settings=profile duration="${DURATION}s" filename="$JFR" >/dev/null
  log "profile: recording ${DURATION}s of JFR (settings=profile) under the measured load"
  measure_h2load "$DURATION" "$OUT/$target.profile.h2load.txt"
  for _ in $(seq 1 100); do [ -s "$JFR" ] && break; sleep 0.2; done
  sleep 1
  stop_server
  [ -s "$JFR" ] || die "no JFR recording at $JFR"
  parse_h2load "$OUT/$target.profile.h2load.txt"
  PROFILE_TXT="$OUT/profile.txt"; [ "$target" = pushsim-full ] || PROFILE_TXT="$OUT/profile-$target.txt"
  jfr print --stack-depth 128 --events jdk.ExecutionSample "$JFR" | awk -v out="$OUT" '
    function frame(line) { sub(/^[ \t]+/, "", line); sub(/[ \t]+line:.*$/, "", line); sub(/\(.*$/, "", line); return line }
    function pkg(m,   n, p, i, s) { n = split(m, p, "."); s = p[1]; for (i = 2; i <= n - 2 && i <= 4; i++) s = s "." p[i]; return s }
    /^jdk\.ExecutionSample/ { thread = "" }
    /sampledThread = / { thread = $0; sub(/.*sampledThread = "/, "", thread); sub(/".*/, "", thread); sub(/-[0-9]+$/, "", thread) }
    /stackTrace = \[/ { in_stack = 1; depth = 0; first_ps = ""; split("", seen); next }
    in_stack && /^[ \t]*\]/ {
      in_stack = 0; samples++; threads[thread]++
      if (first_ps != "") { ps_samples++; ps_first[first_ps]++ }
      next
    }
    in_stack {
      m = frame($0); if (m == "...") next
      depth++
      if (depth == 1) { self[m]++; self_pkg[pkg(m)]++ }
      if (!(m in seen)) { seen[m] = 1; incl[m]++ }
      if (first_ps == "" && m ~ /^dev\.pushsim\./) first_ps = m
    }
    END {
      printf "%d\n", samples > (out "/.jfr_samples")
      printf "%d\n", ps_samples > (out "/.jfr_ps_samples")
      for (k in self) printf "%7d %5.1f%%  %s\n", self[k], 100 * self[k] / samples, k > (out "/.jfr_self")
      for (k in self_pkg) printf "%7d %5.1f%%  %s\n", self_pkg[k], 100 * self_pkg[k] / samples, k > (out "/.jfr_self_pkg")
      for (k in incl) printf "%7d %5.1f%%  %s\n", incl[k], 100 * incl[k] / samples, k > (out "/.jfr_incl")
      for (k in ps_first) printf "%7d %5.1f%%  %s\n", ps_first[k], 100 * ps_first[k] / samples, k > (out "/.jfr_ps_first")
      for (k in threads) printf "%7d %5.1f%%  %s\n", threads[k], 100 * threads[k] / samples, k > (out "/.jfr_threads")
    }'
  jfr print --events jdk.ObjectAllocationSample --stack-depth 64 "$JFR" | awk -v out="$OUT" '
    function frame(line) { sub(/^[ \t]+/, "", line); sub(/[ \t]+line:.*$/, "", line); sub(/\(.*$/, "", line); return line }
    # The first sample of each thread carries the weight allocated since before the recording began
    # (warm-up, TLS set-up): skip it.
    /^jdk\.ObjectAllocationSample/ { cls = ""; w = 0; thread = "" }
    /eventThread = / { thread = $0; sub(/.*eventThread = "/, "", thread); sub(/".*/, "", thread) }
    /objectClass = / { cls = $0; sub(/.*objectClass = /, "", cls); sub(/ \(classLoader.*/, "", cls) }
    /weight = / { v = $3; u = $4; f = 1; if (u ~ /^kB/) f = 1024; else if (u ~ /^MB/) f = 1048576; else if (u ~ /^GB/) f = 1073741824; w = v * f }
    /stackTrace = \[/ { in_stack = 1; first_ps = ""; top = ""; next }
    in_stack && /^[ \t]*\]/ { in_stack = 0; if (!(thread in seen_thread)) { seen_thread[thread] = 1; next }; total += w; by_class[cls] += w; by_top[top] += w; if (first_ps != "") by_ps[first_ps] += w; next }
    in_stack { m = frame($0); if (m == "...") next; if (top == "") top = m; if (first_ps == "" && m ~ /^dev\.pushsim\./) first_ps = m }
    END {
      for (k in by_class) printf "%10.1f MB %5.1f%%  %s\n", by_class[k] / 1048576, 100 * by_class[k] / total, k > (out "/.jfr_alloc_class")
      for (k in by_ps) printf "%10.1f MB %5.1f%%  %s\n", by_ps[k] / 1048576, 100 * by_ps[k] / total, k > (out "/.jfr_alloc_ps")
      for (k in by_top) printf "%10.1f MB %5.1f%%  %s\n", by_top[k] / 1048576, 100 * by_top[k] / total, k > (out "/.jfr_alloc_top")
      printf "%.1f\n", total / 1048576 > (out "/.jfr_alloc_total")
    }'
  {
    echo "# JFR profile of $target under the benchmark load"
    echo
    echo "recording: $JFR (settings=profile, ${DURATION}s, after a warm-up of ${WARMUP_DONE}s: $WARMUP_TRACE req/s); load during the recording: $RPS req/s, $S2XX 2xx, $((S3XX + S4XX + S5XX)) non-2xx; CPU cores: server $CPU_SERVER, h2load $CPU_H2LOAD, other processes $CPU_OTHER, steal $CPU_STEAL"
    [ -n "${R_RPS[$target]:-}" ] && echo "the same target without JFR, in the benchmark above: ${R_RPS[$target]} req/s, server CPU ${R_CPU[$target]} cores"
    echo "execution samples (jdk.ExecutionSample: threads running Java code, every 10 ms): $(cat "$OUT/.jfr_samples") (of which $(cat "$OUT/.jfr_ps_samples") have a dev.pushsim frame on the stack)"
    echo "native samples (jdk.NativeMethodSample: threads in native code, e.g. epoll and socket I/O, every 20 ms), by top frame:"
    jfr print --events jdk.NativeMethodSample --stack-depth 1 "$JFR" | awk '
      /sampledThread = / { t = $0; sub(/.*sampledThread = "/, "", t); sub(/".*/, "", t); sub(/-[0-9]+$/, "", t) }
      /stackTrace = \[/ { getline; m = $1; sub(/\(.*/, "", m); n[t "  " m]++ }
      END { for (k in n) printf "%7d  %s\n", n[k], k }' | sort -rn | first 8
    echo
    echo "## samples by thread"; sort -rn "$OUT/.jfr_threads" | first 10
    echo
    echo "## top of stack (self time), by method"; sort -rn "$OUT/.jfr_self" | first 40
    echo
    echo "## top of stack (self time), by package"; sort -rn "$OUT/.jfr_self_pkg" | first 25
    echo
    echo "## dev.pushsim methods, inclusive (on the stack anywhere)"; grep ' dev\.pushsim\.' "$OUT/.jfr_incl" | sort -rn | first 40
    echo
    echo "## nearest dev.pushsim frame (self time of PushSim code plus the library code it calls directly)"; sort -rn "$OUT/.jfr_ps_first" | first 30
    echo
    echo "## all methods, inclusive"; sort -rn "$OUT/.jfr_incl" | first 40
    echo
    echo "## allocation (jdk.ObjectAllocationSample weight, $(cat "$OUT/.jfr_alloc_total") MB sampled) by class"; sort -rn "$OUT/.jfr_alloc_class" | first 25
    echo
    echo "## allocation by nearest dev.pushsim frame"; sort -rn "$OUT/.jfr_alloc_ps" | first 25
    echo
    echo "## allocation by allocating method"; sort -rn "$OUT/.jfr_alloc_top" | first 25
    echo
    echo "## GC"
    jfr summary "$JFR" | grep -E 'jdk\.(GarbageCollection|GCHeapSummary|ObjectAllocationSample|ExecutionSample) ' || true
    jfr print --events jdk.GarbageCollection "$JFR" | awk '/name = / {n[$3]++} /sumOfPauses = / {v=$3; u=$4; if (u ~ /^ms/) v=v; else if (u ~ /^us/) v=v/1000; else if (u ~ /^s/) v=v*1000; s+=v} END {for (k in n) printf "%s collections: %d\n", k, n[k]; printf "total pause: %.1f ms\n", s}'
  } >"$PROFILE_TXT"
  rm -f "$OUT"/.jfr_*
  log "profile written to $PROFILE_TXT"
  sed -n '1,200p' "$PROFILE_TXT"
fi
