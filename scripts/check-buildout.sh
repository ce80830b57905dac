#!/usr/bin/env bash
# Build buildout.cfg from scratch in a temporary folder and check the site answers.
#
#   bash scripts/check-buildout.sh        (or: make check-buildout; CI runs it)
#
# What it checks:
#   1. the repository's tracked files, as they are in the working tree
#      (uncommitted edits included; deleted ones skipped; untracked files
#      only with INCLUDE_UNTRACKED=1, then those not ignored by .gitignore)
#      are copied to a fresh temporary folder;
#   2. a fresh Python 3.11 venv gets zc.buildout and its own dependencies at
#      the versions of constraints.txt;
#   3. bin/buildout builds the instance with allow-picked-versions = false,
#      so every egg must be pinned in versions.cfg (which must be in sync
#      with constraints.txt: checked first);
#   4. bin/instance run scripts/create_site.py creates the "dienbien" site;
#   5. bin/instance console serves it on a free port of 127.0.0.1, and
#      GET /dienbien (Accept: application/json) must answer the site title;
#   6. the access log has the request, without its query string.
# Only PyPI is needed on the network. The temporary folder is removed at the
# end, unless KEEP_TMP=1. Optional: PYTHON (default python3.11),
# BUILDOUT_DOWNLOAD_CACHE (a folder kept between runs: saves the ~75 MB of
# downloads, not time, as buildout still reads the index and installs each
# wheel with its own pip process),
# STARTUP_TIMEOUT (seconds, default 60).
set -euo pipefail

EXPECTED_TITLE="Cổng thông tin điện tử huyện Điện Biên"
SITE_ID=dienbien
PYTHON=${PYTHON:-python3.11}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-60}
# pip is not in constraints.txt (pip freeze leaves it out); zc.buildout 6
# needs pip >= 25 and calls it for develop eggs and sdists. Pinned here unless
# constraints.txt pins it.
PIP_FALLBACK_VERSION=26.3

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
START=$(date +%s)
STEP_START=$START
STEP_NAME=""
SERVER_PID=""
TMP=""

step() {  # step TITLE: close the current step (with its time), open the next
    local now
    now=$(date +%s)
    [[ -n $STEP_NAME ]] && echo "    done in $((now - STEP_START)) s: $STEP_NAME"
    STEP_NAME=$*
    STEP_START=$now
    echo "==> [$((now - START)) s] $*"
}

finish() {
    local status=$?
    [[ -n $SERVER_PID ]] && stop_server
    if [[ -n $TMP && -d $TMP ]]; then
        if [[ ${KEEP_TMP:-0} == 1 ]]; then
            echo "Kept $TMP"
        else
            rm -rf "$TMP"
        fi
    fi
    local total=$(($(date +%s) - START))
    if [[ $status == 0 ]]; then
        echo "PASS: buildout check (${total} s)"
    else
        echo "FAIL: buildout check, at step: ${STEP_NAME:-prerequisites} (exit $status after ${total} s)" >&2
    fi
    exit "$status"
}
trap finish EXIT

stop_server() {  # SIGTERM the instance we started; SIGKILL after 20 s
    local pid=$SERVER_PID tries=0
    SERVER_PID=""
    kill "$pid" 2>/dev/null || return 0
    while kill -0 "$pid" 2>/dev/null && ((tries < 40)); do
        sleep 0.5
        tries=$((tries + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "The instance did not stop on SIGTERM; killing it" >&2
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

pin() {  # pin NAME: the version of NAME in constraints.txt (empty if absent)
    local name=$1
    awk -F '==' -v name="$name" \
        'tolower($1) == tolower(name) { print $2; exit }' "$REPO/constraints.txt"
}

command -v "$PYTHON" >/dev/null || { echo "$PYTHON not found" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl not found" >&2; exit 1; }

step "versions.cfg in sync with constraints.txt"
"$PYTHON" "$REPO/scripts/sync_buildout_versions.py" --check

TMP=$(mktemp -d "${TMPDIR:-/tmp}/check-buildout.XXXXXX")
SRC=$TMP/src
VENV=$TMP/venv
mkdir -p "$SRC" "$TMP/buildout-home"

LS_FILES=(--cached)
if [[ ${INCLUDE_UNTRACKED:-0} == 1 ]]; then
    LS_FILES+=(--others --exclude-standard)
fi
step "Copy the files (git ls-files ${LS_FILES[*]}, working tree) to $SRC"
(
    cd "$REPO"
    git ls-files -z "${LS_FILES[@]}" |
        while IFS= read -r -d '' path; do
            # Skip files deleted in the working tree but still in the index.
            if [[ -e $path || -L $path ]]; then printf '%s\0' "$path"; fi
        done |
        xargs -0 --no-run-if-empty cp --parents -P -t "$SRC"
)
echo "    $(find "$SRC" -type f | wc -l) files"

step "Fresh venv ($PYTHON) with zc.buildout from constraints.txt"
"$PYTHON" -m venv "$VENV"
PIP_VERSION=$(pin pip)
PIP_VERSION=${PIP_VERSION:-$PIP_FALLBACK_VERSION}
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    "pip==$PIP_VERSION"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    -c "$SRC/constraints.txt" \
    "zc.buildout==$(pin zc.buildout)" setuptools wheel packaging platformdirs
"$VENV/bin/python" -m pip list --format=freeze 2>/dev/null |
    grep -iE '^(pip|setuptools|wheel|zc\.buildout)==' | paste -sd ' ' |
    sed 's/^/    /'

step "bin/buildout"
PORT=$("$VENV/bin/python" -c '
import socket
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
')
# An isolated buildout home, so that ~/.buildout/default.cfg cannot change
# the result. Build back-ends that pip fetches for the develop egg (hatchling)
# and for any sdist (setuptools) are held to constraints.txt as well.
export BUILDOUT_HOME=$TMP/buildout-home
export PIP_BUILD_CONSTRAINT=$SRC/constraints.txt
BUILDOUT_ARGS=("instance:http-address=127.0.0.1:$PORT")
if [[ -n ${BUILDOUT_DOWNLOAD_CACHE:-} ]]; then
    mkdir -p "$BUILDOUT_DOWNLOAD_CACHE"
    BUILDOUT_ARGS+=("buildout:download-cache=$(cd "$BUILDOUT_DOWNLOAD_CACHE" && pwd)")
fi
cd "$SRC"
"$VENV/bin/buildout" -c buildout.cfg "${BUILDOUT_ARGS[@]}"

step "bin/instance run scripts/create_site.py"
bin/instance run scripts/create_site.py --site-id "$SITE_ID"

step "bin/instance console on 127.0.0.1:$PORT"
bin/instance console >"$TMP/console.log" 2>&1 &
SERVER_PID=$!
URL="http://127.0.0.1:$PORT/$SITE_ID"
deadline=$(($(date +%s) + STARTUP_TIMEOUT))
until curl --silent --show-error --fail --max-time 10 \
    -H 'Accept: application/json' -o "$TMP/site.json" "$URL" 2>"$TMP/curl.err"; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "The instance exited before answering:" >&2
        tail -n 40 "$TMP/console.log" >&2
        SERVER_PID=""
        exit 1
    fi
    if (($(date +%s) >= deadline)); then
        echo "No answer from $URL within ${STARTUP_TIMEOUT} s:" >&2
        cat "$TMP/curl.err" >&2
        tail -n 40 "$TMP/console.log" >&2
        exit 1
    fi
    sleep 1
done

step "GET $URL (Accept: application/json)"
"$VENV/bin/python" - "$TMP/site.json" "$EXPECTED_TITLE" <<'EOF'
import json
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    data = json.load(f)
title = data.get("title")
print(f"    @id: {data.get('@id')}  @type: {data.get('@type')}  title: {title}")
if title != sys.argv[2]:
    sys.exit(f"Unexpected title {title!r}, expected {sys.argv[2]!r}")
EOF

step "The access log keeps no query string"
curl --silent --output /dev/null --max-time 10 "$URL/tra-cuu-ho-so?code=QUERY-MUST-NOT-BE-LOGGED"
stop_server  # flushes the log
LOG=var/log/instance-access.log
grep -q 'GET /dienbien/tra-cuu-ho-so ' "$LOG" || { echo "The request is not in $LOG" >&2; exit 1; }
if grep -q 'QUERY-MUST-NOT-BE-LOGGED' "$LOG"; then
    echo "$LOG keeps query strings" >&2
    exit 1
fi

step "Stop the instance"
stop_server
step "Clean up"
