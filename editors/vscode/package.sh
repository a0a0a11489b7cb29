#!/usr/bin/env bash
# Builds the VS Code extension: bundles the server jar (mvn package must have run), compiles the
# TypeScript, runs the wiring test, and packages latchkey-<version>.vsix with @vscode/vsce.
set -euo pipefail
cd "$(dirname "$0")"
jar=$(ls ../../inspections/target/latchkey-inspections-*-all.jar | head -1)
mkdir -p server
cp "$jar" server/latchkey-inspections.jar
npm ci --no-audit --no-fund
npm test
npx vsce package --allow-missing-repository --skip-license -o latchkey.vsix
ls -l latchkey.vsix
