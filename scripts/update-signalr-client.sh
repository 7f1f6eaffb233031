#!/usr/bin/env bash
# Refreshes the official SignalR browser client committed under src/main/webapp/js/vendor from the version
# pinned in src/main/frontend/package-lock.json.
#
# Why committed: `mvn liberty:run` serves src/main/webapp as it is, without npm or any lifecycle phase, and
# there is no WebJar of @microsoft/signalr on Maven Central. SignalRClientBundleTest fails when the
# committed copy and the pinned package differ, so after changing the pin: run this script, commit both.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
frontend="$root/src/main/frontend"
vendor="$root/src/main/webapp/js/vendor"
package="$frontend/node_modules/@microsoft/signalr"

(cd "$frontend" && npm ci --no-audit --no-fund)

version="$(node -p 'require(process.argv[1]).version' "$package/package.json")"
mkdir -p "$vendor"
cp "$package/dist/browser/signalr.min.js" "$package/dist/browser/signalr.min.js.map" "$vendor/"

# The npm package declares "license": "MIT" but ships no licence file: this is the text of the MIT licence
# in dotnet/aspnetcore, where the client is developed.
cat > "$vendor/signalr.LICENSE.txt" <<LICENSE
signalr.min.js and signalr.min.js.map: @microsoft/signalr ${version}, dist/browser, unmodified.
Source: https://github.com/dotnet/aspnetcore/tree/main/src/SignalR/clients/ts/signalr
Copied by scripts/update-signalr-client.sh.

The MIT License (MIT)

Copyright (c) .NET Foundation and Contributors

All rights reserved.

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
LICENSE

echo "Copied @microsoft/signalr ${version} to ${vendor#"$root"/}"
