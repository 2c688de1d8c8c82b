#!/usr/bin/env bash
# Installs code-server (VS Code 1.100.3 for the browser, Node extension host) into a cache folder
# outside the repository, so the extension-host and UI test tiers can run without downloading a
# desktop VS Code. Idempotent: a warm machine finds the marker file and only prints the path.
#
#   bash scripts/ensure-code-server.sh        # prints the code-server package dir on stdout
#
# Progress goes to stderr; the last (only) stdout line is the directory holding out/node/entry.js.
# Env: CLN_CODE_SERVER_CACHE (default $HOME/.cache/cln-explorer).
# See docs in /work/shared/vscode-offline-testing.md for why each step exists.
set -euo pipefail

CS_VERSION=4.100.3
CACHE_ROOT="${CLN_CODE_SERVER_CACHE:-${HOME:-/root}/.cache/cln-explorer}"
DEST="$CACHE_ROOT/code-server-$CS_VERSION"
PKG_DIR="$DEST/node_modules/code-server"
MARKER="$DEST/.cln-install-complete"

log() { printf '[ensure-code-server] %s\n' "$*" >&2; }

# ---------------------------------------------------------------------------------------------
# 1. Debian packages. Only touch apt when something is missing.
# ---------------------------------------------------------------------------------------------
ensure_debian_packages() {
  # libkrb5-dev: gssapi headers for the kerberos native module; ripgrep replaces @vscode/ripgrep's
  # GitHub download; chromium is the browser the tests drive; fonts make screenshots readable;
  # python3/make/g++ are what node-gyp needs for the native rebuilds.
  local wanted=(libkrb5-dev pkg-config ripgrep chromium fonts-liberation ca-certificates)
  command -v python3 >/dev/null 2>&1 || wanted+=(python3)
  command -v make >/dev/null 2>&1 || wanted+=(make)
  command -v g++ >/dev/null 2>&1 || wanted+=(g++)
  local missing=()
  local p
  for p in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    log "Debian packages present"
    return
  fi
  log "installing Debian packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo=(sudo -n); else
      log "not root and no sudo: please install ${missing[*]}"; exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${missing[@]}" </dev/null >&2
}

ensure_debian_packages

if [ -f "$MARKER" ] && [ -f "$PKG_DIR/out/node/entry.js" ]; then
  log "code-server $CS_VERSION already installed (marker $MARKER)"
  echo "$PKG_DIR"
  exit 0
fi

# ---------------------------------------------------------------------------------------------
# 2-5. code-server itself. Built in a staging folder and renamed at the end, under a lock, so an
# interrupted or concurrent run never leaves a half-installed tree that looks complete.
# ---------------------------------------------------------------------------------------------
mkdir -p "$CACHE_ROOT"
exec 9>"$CACHE_ROOT/.code-server-$CS_VERSION.lock"
log "waiting for install lock"
flock 9
if [ -f "$MARKER" ] && [ -f "$PKG_DIR/out/node/entry.js" ]; then
  log "installed by a concurrent run"
  echo "$PKG_DIR"
  exit 0
fi

START=$(date +%s)
STAGE="$CACHE_ROOT/.staging-code-server-$CS_VERSION"
rm -rf "$STAGE"
mkdir -p "$STAGE"

# Non-interactive npm: no prompts (npx inside node-pty's install script), no funding/audit noise.
export npm_config_yes=true
export npm_config_audit=false
export npm_config_fund=false
export npm_config_update_notifier=false
export npm_config_progress=false
# node-gyp must not try to download Node headers (only the npm registry is reachable); use the
# headers that ship with the installed Node when they exist.
if [ -z "${npm_config_nodedir:-}" ]; then
  NODE_PREFIX="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
  if [ -f "$NODE_PREFIX/include/node/node.h" ]; then
    export npm_config_nodedir="$NODE_PREFIX"
  fi
fi

log "npm install --ignore-scripts code-server@$CS_VERSION into $STAGE"
(
  cd "$STAGE"
  printf '{ "name": "cln-code-server-cache", "private": true }\n' >package.json
  npm install --ignore-scripts --no-save --loglevel=error "code-server@$CS_VERSION" </dev/null >&2
)

S_PKG="$STAGE/node_modules/code-server"
VS="$S_PKG/lib/vscode"

log "lib/vscode: npm install --omit=dev --ignore-scripts"
(cd "$VS" && npm install --omit=dev --ignore-scripts --loglevel=error </dev/null >&2)

# Every top-level package (scoped or not) that builds native code.
mapfile -t NATIVE < <(
  cd "$VS/node_modules" &&
    find . -mindepth 2 -maxdepth 3 -name binding.gyp -not -path '*/node_modules/*' |
    sed -e 's|^\./||' -e 's|/binding.gyp$||' | sort -u
)
log "lib/vscode: npm rebuild ${NATIVE[*]}"
(cd "$VS" && npm rebuild --loglevel=error "${NATIVE[@]}" </dev/null >&2)

log "lib/vscode: ripgrep -> /usr/bin/rg, node_modules.asar -> node_modules"
mkdir -p "$VS/node_modules/@vscode/ripgrep/bin"
ln -sfn "$(command -v rg)" "$VS/node_modules/@vscode/ripgrep/bin/rg"
ln -sfn node_modules "$VS/node_modules.asar"

log "lib/vscode/extensions: npm install --omit=dev --ignore-scripts"
(cd "$VS/extensions" && npm install --omit=dev --ignore-scripts --loglevel=error </dev/null >&2)

# argon2 (password hashing, loaded even with --auth none) is hoisted next to code-server, so the
# rebuild runs at the root of the npm project that installed code-server.
log "code-server: npm rebuild argon2"
(cd "$STAGE" && npm rebuild --loglevel=error argon2 </dev/null >&2)

log "smoke check: code-server --version"
XDG_CONFIG_HOME="$STAGE/.smoke-config" node "$S_PKG/out/node/entry.js" --version >&2
rm -rf "$STAGE/.smoke-config"

rm -rf "$DEST"
mv "$STAGE" "$DEST"
date -u +%Y-%m-%dT%H:%M:%SZ >"$MARKER"
log "done in $(($(date +%s) - START))s"
echo "$PKG_DIR"
