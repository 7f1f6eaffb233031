// A hub client that only listens, as the clients of a backend publishing through the publish API do: the
// official @microsoft/signalr client connects to --hub with the user's Basic credentials on every request
// (no token), over the forced --transport, and prints each invocation of the --targets it listens to.
//
//   node listener.mjs --base http://127.0.0.1:9081 --hub telemetry --transport ServerSentEvents
//                     [--user alice --password alice-demo] --targets reading,marker
//
// Prints one JSON object per line: started (with the connectionId a backend addresses), message (target and
// arguments), closed, failed. Takes "exit" on stdin. Client logs go to stderr.
import * as signalR from "@microsoft/signalr";
import { createInterface } from "node:readline";

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
    arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const print = (event) => process.stdout.write(JSON.stringify(event) + "\n");
const logger = {
    log: (level, message) => {
        if (level >= signalR.LogLevel.Warning) {
            process.stderr.write(`[signalr ${signalR.LogLevel[level]}] ${message}\n`);
        }
    },
};
const deadline = setTimeout(() => {
    print({ event: "failed", message: "script timeout" });
    process.exit(2);
}, Number(args.timeout ?? 90) * 1000);

const basic = "Basic " + Buffer.from(`${args.user ?? "alice"}:${args.password ?? "alice-demo"}`).toString("base64");
const connection = new signalR.HubConnectionBuilder()
    .withUrl(`${args.base}/hubs/${args.hub}`, {
        transport: signalR.HttpTransportType[args.transport],
        headers: { Authorization: basic },
    })
    .configureLogging(logger)
    .build();
for (const target of (args.targets ?? "").split(",").filter(Boolean)) {
    connection.on(target, (...values) => {
        print({ event: "message", target, arguments: values });
    });
}
connection.onclose((error) => print({ event: "closed", error: error ? String(error) : null }));

try {
    await connection.start();
    print({ event: "started", transport: connection.connection.transport.constructor.name, connectionId: connection.connectionId });
} catch (error) {
    print({ event: "failed", message: String(error) });
}

createInterface({ input: process.stdin }).on("line", async (line) => {
    if (line.trim() === "exit") {
        await connection.stop();
        clearTimeout(deadline);
        process.exit(0);
    }
});
