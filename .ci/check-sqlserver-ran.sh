#!/usr/bin/env bash
# Fails unless every SQL Server suite in the test reports ran: at least one test each, none skipped.
# The suites are @Testcontainers(disabledWithoutDocker = true), so without Docker they are reported as
# skipped and the build stays green; in CI that must be a failure (see also DockerRequiredInCiTest).
#   .ci/check-sqlserver-ran.sh [expected suite count]     (default: every SqlServer* report found, at least 1)
set -euo pipefail
cd "$(dirname "$0")/.."

shopt -s nullglob
reports=(target/surefire-reports/TEST-*SqlServer*.xml target/failsafe-reports/TEST-*SqlServer*.xml)
expected=${1:-1}
if (( ${#reports[@]} < expected )); then
  echo "Expected at least $expected SQL Server suite reports, found ${#reports[@]}" >&2
  exit 1
fi
status=0
for report in "${reports[@]}"; do
  header=$(grep -m1 -o '<testsuite [^>]*>' "$report")
  tests=$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$header")
  skipped=$(sed -n 's/.* skipped="\([0-9]*\)".*/\1/p' <<<"$header")
  name=$(basename "$report" .xml)
  if [[ "${tests:-0}" -eq 0 || "${skipped:-0}" -ne 0 ]]; then
    echo "NOT RUN: ${name#TEST-}: tests=${tests:-0} skipped=${skipped:-0}" >&2
    status=1
  else
    echo "ran: ${name#TEST-}: $tests tests"
  fi
done
exit $status
