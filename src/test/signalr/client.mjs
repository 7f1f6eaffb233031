// Drives the official @microsoft/signalr client against a livetasks server, for the SignalR client ITs.
//
//   node client.mjs --base http://127.0.0.1:9081 --list 7 --transport LongPolling --mode negotiate [--since 12]
//                   [--user alice --password alice-demo] [--token <jwt>] [--reconnect true]
//
// Every mode signs in as --user (default alice) with HTTP Basic, where an app would use its own sign-in:
// --mode negotiate connects as an Azure SignalR app does: withUrl(base + "/api"); the client posts to
//   /api/negotiate (signed in: the HTTP client adds Basic credentials to /api/ requests only, as a browser's
//   cookie would be), which answers {url, accessToken}; the hub requests then carry only that token.
// --mode token connects to the hub (base + "/hubs/tasks") with an accessTokenFactory that fetches a token
//   from /api/negotiate on every call, as an app renews its tokens; with --token ask, the first call prints
//   "tokenWanted" and returns the token that the test then sends as the line "token <jwt>" (a short-lived
//   one, made when it is needed). Each call prints a "token" event with its source.
// --mode direct connects to the hub with the Basic credentials as a header on every request, no token.
// --reconnect true enables automatic reconnect (reconnecting / reconnected events; rejoins the list from
//   the last version seen).
// Prints one JSON object per line on stdout (started, token, joined, taskUpdate, resync, reconnecting,
// reconnected, failed, stopped, closed) and takes commands on stdin, one per line: "stop", "start" (joins
// again from the last version seen), "join-unknown" (calls JoinList for a list that does not exist),
// "exit". Client logs go to stderr.
import * as signalR from "@microsoft/signalr";
import { createInterface } from "node:readline";

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
    arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const listId = Number(args.list);
let lastVersion = args.since === undefined ? null : Number(args.since);

const print = (event) => process.stdout.write(JSON.stringify(event) + "\n");
const logger = {
    log: (level, message) => {
        if (level >= signalR.LogLevel.Warning) {
            process.stderr.write(`[signalr ${signalR.LogLevel[level]}] ${message}\n`);
        }
    },
};

// Give up on our own if the test side never tells us to exit.
const deadline = setTimeout(() => {
    print({ event: "failed", message: "script timeout" });
    process.exit(2);
}, Number(args.timeout ?? 90) * 1000);

const basic = "Basic " + Buffer.from(`${args.user ?? "alice"}:${args.password ?? "alice-demo"}`).toString("base64");

// Signs in the application's own endpoints (/api/...) only, as a signed-in browser's cookie would.
class SignedInHttpClient extends signalR.HttpClient {
    constructor(inner) {
        super();
        this.inner = inner;
    }

    send(request) {
        if (request.url.startsWith(`${args.base}/api/`)) {
            request.headers = { ...request.headers, Authorization: basic };
        }
        return this.inner.send(request);
    }

    getCookieString(url) {
        return this.inner.getCookieString(url);
    }
}

let askForToken = args.token === "ask";
let tokenArrived = null;
async function fetchToken() {
    if (askForToken) {
        askForToken = false;
        const token = await new Promise((resolve) => {
            tokenArrived = resolve;
            print({ event: "tokenWanted" });
        });
        print({ event: "token", source: "given" });
        return token;
    }
    const response = await fetch(`${args.base}/api/negotiate`, { method: "POST", headers: { Authorization: basic } });
    if (!response.ok) {
        throw new Error(`/api/negotiate answered ${response.status}`);
    }
    print({ event: "token", source: "negotiate" });
    return (await response.json()).accessToken;
}

const transport = signalR.HttpTransportType[args.transport];
const options = {
    negotiate: { transport, httpClient: new SignedInHttpClient(new signalR.DefaultHttpClient(logger)) },
    token: { transport, accessTokenFactory: fetchToken },
    direct: { transport, headers: { Authorization: basic } },
}[args.mode];
if (!options) {
    print({ event: "failed", message: `unknown mode ${args.mode}` });
    process.exit(2);
}
const url = args.mode === "negotiate" ? `${args.base}/api` : `${args.base}/hubs/tasks`;
let builder = new signalR.HubConnectionBuilder().withUrl(url, options).configureLogging(logger);
if (args.reconnect === "true") {
    builder = builder.withAutomaticReconnect([0, 500, 1000, 2000, 2000, 2000]);
}
const connection = builder.build();

connection.on("taskUpdate", (event) => {
    lastVersion = Math.max(lastVersion ?? 0, event.version);
    print({ event: "taskUpdate", data: event });
});
connection.on("resync", (event) => print({ event: "resync", data: event }));
connection.onclose((error) => print({ event: "closed", error: error ? String(error) : null }));
connection.onreconnecting((error) => print({ event: "reconnecting", error: error ? String(error) : null }));
connection.onreconnected(async () => {
    print({ event: "reconnected", connectionId: connection.connectionId });
    try {
        print({ event: "joined", result: await connection.invoke("JoinList", listId, lastVersion) });
    } catch (error) {
        print({ event: "failed", message: String(error) });
    }
});

async function startAndJoin() {
    await connection.start();
    // The transport actually chosen, to show the forced one was used (an internal field of the client).
    print({ event: "started", transport: connection.connection.transport.constructor.name, connectionId: connection.connectionId });
    const joined = await connection.invoke("JoinList", listId, lastVersion);
    print({ event: "joined", result: joined });
}

async function command(line) {
    try {
        switch (line.trim()) {
            case "stop":
                await connection.stop();
                print({ event: "stopped" });
                break;
            case "start":
                await startAndJoin();
                break;
            case "join-unknown":
                await connection.invoke("JoinList", 2147483000, null)
                    .then((result) => print({ event: "joined", result }))
                    .catch((error) => print({ event: "invokeError", message: error.message }));
                break;
            case "exit":
                await connection.stop();
                clearTimeout(deadline);
                process.exit(0);
                break;
            default:
                print({ event: "failed", message: `unknown command ${line}` });
        }
    } catch (error) {
        print({ event: "failed", message: String(error) });
    }
}

// Commands run one after another, in the order they arrive; a token line answers tokenWanted at once.
let queue = Promise.resolve();
createInterface({ input: process.stdin }).on("line", (line) => {
    if (line.startsWith("token ") && tokenArrived) {
        const resolve = tokenArrived;
        tokenArrived = null;
        resolve(line.slice(6).trim());
        return;
    }
    queue = queue.then(() => command(line));
});

try {
    await startAndJoin();
} catch (error) {
    print({ event: "failed", message: String(error) });
    process.exit(1);
}
