#!/usr/bin/env bash
# Installs a real VS Code for the end-to-end tests: code-server 4.100.3 (VS Code 1.100.3, Node 20)
# into a cache folder, on a machine that reaches only the npm registry and Debian's packages.
# Usage: scripts/install-code-server.sh [DIR]   (default: ~/.cache/code-server-4.100.3)
# Prints the path of the entry script (last line of stdout). Idempotent: a finished install is
# reused, so only the first run on a machine pays for it (a few minutes).
#
# Why each step: the npm package's postinstall downloads ripgrep from GitHub (unreachable here),
# so scripts are skipped and the native modules are rebuilt from source instead; ripgrep comes
# from Debian.
set -euo pipefail
VERSION=4.100.3
DIR=${1:-${HOME}/.cache/code-server-$VERSION}
ENTRY=$DIR/node_modules/code-server/out/node/entry.js
if [[ -f $DIR/.complete ]]; then echo "$ENTRY"; exit 0; fi

need=()
for pkg in libkrb5-dev ripgrep; do dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg"); done
if ((${#need[@]})); then
  sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq >/dev/null
  "${sudo[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
fi

echo "Installing code-server $VERSION into $DIR (first run only)…" >&2
mkdir -p "$DIR" && cd "$DIR"
[[ -f package.json ]] || echo '{"private":true}' > package.json
npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION" >/dev/null
(cd node_modules/argon2 && npx --yes node-pre-gyp rebuild --build-from-source >/dev/null 2>&1)

cd node_modules/code-server/lib/vscode
npm install --no-audit --no-fund --omit=dev --ignore-scripts >/dev/null
for p in kerberos @parcel/watcher @vscode/deviceid @vscode/spdlog native-watchdog node-pty; do
  (cd "node_modules/$p" && npx --yes node-gyp rebuild >/dev/null 2>&1)
done
mkdir -p node_modules/@vscode/ripgrep/bin && cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
# VS Code looks for its modules in node_modules.asar when running from a build.
ln -sfn node_modules node_modules.asar
(cd extensions && npm install --no-audit --no-fund --omit=dev --ignore-scripts >/dev/null)

node "$ENTRY" --version >/dev/null
touch "$DIR/.complete"
echo "$ENTRY"
