#!/bin/sh
# Bundles the web client into $1 (default target/classes/webroot): index.html, app.js, app.css.
# Run by the Maven build (exec-maven-plugin); also usable by hand: sh build.sh
set -eu
cd "$(dirname "$0")"
out="${1:-target/classes/webroot}"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "node and npm are required to build the web client: apt-get install nodejs npm" >&2
  exit 1
fi

# npm ci writes node_modules/.package-lock.json; a lock newer than it means the dependencies changed.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

mkdir -p "$out"
node_modules/.bin/esbuild src/app.js src/app.css --bundle --minify --sourcemap \
  --target=chrome111,firefox115,safari16 --log-level=warning --outdir="$out"
cp src/index.html "$out/index.html"
