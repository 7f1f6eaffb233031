#!/usr/bin/env bash
# A stand-in telemetry backend for the publish API (docs/publish-api.md): posts one reading a second to the
# hub "telemetry", as an Azure Function or device gateway would through Azure SignalR Service's REST API.
# Watch them arrive on /telemetry.html (signed in).
#
#   LIVETASKS_PUBLISH_ACCESS_KEYS=<key> LIVETASKS_PUBLISH_HUBS=telemetry mvn liberty:run    # the server
#   PUBLISH_KEY=<key> scripts/telemetry-backend.sh [http://localhost:9080] [count]            # this script
#
# Needs curl and openssl only: the bearer token (HS256, aud = request URL, exp = now + 5 min) is made here.
set -euo pipefail
BASE="${1:-http://localhost:9080}"
COUNT="${2:-60}"
KEY="${PUBLISH_KEY:?set PUBLISH_KEY to the access key of the server (LIVETASKS_PUBLISH_ACCESS_KEYS)}"
HUB="${PUBLISH_HUB:-telemetry}"

b64() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
token() {
  local header payload signature
  header=$(printf '{"alg":"HS256","typ":"JWT"}' | b64)
  payload=$(printf '{"aud":"%s","exp":%d}' "$1" $(( $(date +%s) + 300 )) | b64)
  signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -hmac "$KEY" -binary | b64)
  printf '%s.%s.%s' "$header" "$payload" "$signature"
}

url="$BASE/api/hubs/$HUB/:send"
for ((i = 1; i <= COUNT; i++)); do
  celsius=$(awk -v s="$RANDOM" 'BEGIN { srand(s); printf "%.1f", 18 + rand() * 6 }')
  body=$(printf '{"target":"reading","arguments":[{"sensor":"room-1","celsius":%s,"at":"%s"}]}' "$celsius" "$(date -u +%H:%M:%S)")
  status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$url?api-version=2022-06-01" \
    -H "Authorization: Bearer $(token "$url")" -H 'Content-Type: application/json' -d "$body")
  echo "reading $i: $celsius °C -> $status"
  sleep 1
done
