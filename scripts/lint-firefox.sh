#!/usr/bin/env sh
# Lints the Firefox build as addons.mozilla.org would (web-ext lint); fails on any error.
# Warnings about bundled third-party code (React's innerHTML, zod's Function probe) and the
# data_collection_permissions key predating strict_min_version stay warnings; see
# docs/permissions.md.
set -eu
cd "$(dirname "$0")/.."
if [ ! -f .output/firefox-mv2/manifest.json ]; then
  npx wxt build -b firefox
fi
npx web-ext lint --source-dir .output/firefox-mv2 --no-input
