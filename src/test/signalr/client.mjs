// Drives the official @microsoft/signalr client against a livetasks server, for OfficialSignalRClientIT.
//
//   node client.mjs --base http://127.0.0.1:9081 --list 7 --transport LongPolling --mode negotiate [--since 12]
//
// --mode negotiate connects as an Azure SignalR app does: withUrl(base + "/api"), which answers with
// {url, accessToken}; --mode direct negotiates at the hub itself (base + "/hubs/tasks", anonymous).
// Prints one JSON object per line on stdout (started, joined, taskUpdate, resync, failed, stopped, closed)
// and takes commands on stdin, one per line: "stop", "start" (joins again from the last version seen),
// "join-unknown" (calls JoinList for a list that does not exist), "exit". Client logs go to stderr.
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

const url = args.mode === "direct" ? `${args.base}/hubs/tasks` : `${args.base}/api`;
const connection = new signalR.HubConnectionBuilder()
    .withUrl(url, {
        transport: signalR.HttpTransportType[args.transport],
        headers: { "x-user": "it-user" },
    })
    .configureLogging(logger)
    .build();

connection.on("taskUpdate", (event) => {
    lastVersion = Math.max(lastVersion ?? 0, event.version);
    print({ event: "taskUpdate", data: event });
});
connection.on("resync", (event) => print({ event: "resync", data: event }));
connection.onclose((error) => print({ event: "closed", error: error ? String(error) : null }));

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

try {
    await startAndJoin();
} catch (error) {
    print({ event: "failed", message: String(error) });
    process.exit(1);
}
// Commands run one after another, in the order they arrive.
let queue = Promise.resolve();
createInterface({ input: process.stdin }).on("line", (line) => {
    queue = queue.then(() => command(line));
});
