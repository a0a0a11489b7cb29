#!/usr/bin/env bash
# Neovim end-to-end test of the language server: headless Neovim opens lock fixtures, waits for
# Latchkey's diagnostics and compares them with the fixtures' markers. Needs the shaded jar
# (mvn package) and Neovim 0.7+ (.ci/run installs Debian's neovim when it is missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=${LATCHKEY_JAR:-$(ls "$PWD"/inspections/target/latchkey-inspections-*-all.jar | head -1)}
workspace=$(mktemp -d)
trap 'rm -rf "$workspace"' EXIT
mkdir "$workspace/.git" # the workspace root for the client; its sources are these fixtures
files="fixtures/locks/EarlyReturnLeak.java fixtures/locks/UnlockOutsideFinally.java fixtures/locks/AcquireInsideTry.java fixtures/locks/LockSupportWrappers.java fixtures/locks/SuppressedFindings.java fixtures/exceptions/EmptyCatchBlocks.java fixtures/lockorder/CrossClassInversion.java fixtures/lockorder/CrossClassLedger.java fixtures/exceptions/CommentedEmptyHandlers.java fixtures/lockorder/ViewFieldInversion.java fixtures/races/HeldLockAssertions.java"
for f in $files fixtures/locks/support/LockSupport.java fixtures/locks/support/LockGuard.java fixtures/races/support/Preconditions.java; do
  mkdir -p "$workspace/$(dirname "$f")"
  cp "test-fixtures/src/main/java/$f" "$workspace/$f"
done
LATCHKEY_JAR="$jar" LATCHKEY_WORKSPACE="$workspace" LATCHKEY_FILES="$files" \
LATCHKEY_NVIM_DIR="$PWD/editors/neovim" \
LATCHKEY_ACQUIRE="fixtures.locks.support.LockSupport#acquire(0)" \
LATCHKEY_RELEASE="fixtures.locks.support.LockSupport#release(0)" \
  timeout 600 nvim --headless -u NONE -i NONE -n -c "luafile editors/neovim/e2e.lua"
