// The telemetry example page: listens on the hub "telemetry" for "reading" invocations that a backend sends
// through the publish API, and shows the latest 50. The page is signed in (session cookie), so the hub
// connection needs no token; the client reconnects on its own. Rendering uses textContent only.
const MAX_ROWS = 50;
const status = document.getElementById("status");
const connectionId = document.getElementById("connection");
const rows = document.getElementById("readings");

function cell(text) {
  const td = document.createElement("td");
  td.textContent = text;
  return td;
}

function show(reading) {
  const tr = document.createElement("tr");
  const value = reading && typeof reading === "object" ? reading : { value: reading };
  tr.append(cell(new Date().toLocaleTimeString()), cell(String(value.sensor ?? "–")),
    cell(String(value.celsius ?? value.value ?? JSON.stringify(value))), cell(String(value.at ?? "–")));
  rows.prepend(tr);
  while (rows.children.length > MAX_ROWS) {
    rows.lastElementChild.remove();
  }
}

const connection = new signalR.HubConnectionBuilder()
  .withUrl("hubs/telemetry")
  .withAutomaticReconnect()
  .configureLogging(signalR.LogLevel.Warning)
  .build();
connection.on("reading", (...args) => args.forEach(show));
connection.onreconnecting(() => { status.textContent = "reconnecting…"; });
connection.onreconnected(() => {
  status.textContent = "live";
  connectionId.textContent = connection.connectionId;
});
connection.onclose(() => { status.textContent = "closed (reload to reconnect)"; });

connection.start().then(() => {
  status.textContent = "live";
  connectionId.textContent = connection.connectionId;
}).catch((error) => {
  status.textContent = `failed: ${error}`;
});
