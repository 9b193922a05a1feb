# Shared by scripts/serve and scripts/test: idempotent installation of what the build and the tests
# need, from registries only (rustup, crates.io, npm, Debian). Sourced, not run.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

TRUNK_VERSION="0.21.14"   # trunk 0.22 needs a newer rustc than this machine's 1.95
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; return 1; fi
}

# The wasm-bindgen version the lockfile pins; wasm-bindgen-cli must be exactly this version.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "Adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_clippy() {
  if ! cargo clippy --version >/dev/null 2>&1; then
    step "Adding the clippy component"
    rustup component add clippy
  fi
}

ensure_trunk() {
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    step "Installing trunk $TRUNK_VERSION (first time only; several minutes on 2 cores)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
}

ensure_wasm_bindgen() {
  local want; want="$(wasm_bindgen_version)"
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ]; then
    step "Installing wasm-bindgen-cli $want (first time only)"
    # Not --locked: the lockfile of wasm-bindgen-cli asks for a crate version the registry lacks.
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_npm_tools() {
  # wasm-opt (binaryen 132 reads what rustc 1.95 emits; Debian's binaryen 108 cannot), esbuild,
  # CodeMirror, playwright-core. Reinstalled only when package-lock.json changes.
  if [ ! -f "$ROOT/node_modules/.package-lock.json" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    step "Installing npm tools (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund)
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    step "Installing Debian's chromium and chromium-driver"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver
  fi
  export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
}

ensure_web_tools() {
  ensure_wasm_target
  ensure_clippy
  ensure_npm_tools
  ensure_trunk
  ensure_wasm_bindgen
}
