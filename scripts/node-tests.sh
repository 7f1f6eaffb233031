#!/usr/bin/env bash
# The browser client's unit tests (node --test src/test/js/), run by `mvn verify` in the test phase (pom.xml,
# exec-maven-plugin). Without Node they are skipped, saying so; with CI=true a missing Node fails the build.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v node >/dev/null 2>&1; then
    if [ "${CI:-}" = "true" ]; then
        echo "node is not installed, and CI=true requires the browser client's unit tests (src/test/js) to run" >&2
        exit 1
    fi
    echo "SKIPPED the browser client's unit tests (src/test/js): node is not installed (apt-get install nodejs)"
    exit 0
fi
exec node --test src/test/js/
