#!/usr/bin/env node
// Push latency benchmark: how long from a write through the REST API until every subscribed client has the
// event. Opens C WebSocket clients and C SSE clients on one list of a running server, makes W writes one
// after another, and reports percentiles of (event received - write sent) over all deliveries.
//
//   (cd src/test/signalr && npm ci)          # provides the `ws` client package
//   LIVETASKS_LIMITS_CONNECTIONS_PER_CLIENT=10000 LIVETASKS_LIMITS_WRITES_PER_SECOND=1000 \
//   LIVETASKS_LIMITS_WRITE_BURST=2000 mvn liberty:run   # in another terminal: one user, many connections (the
//                                                       # default limit is 50) and faster writes than 20/s
//   node scripts/latency-bench.mjs [baseUrl] [clientsPerTransport] [writes]
//
// Signs in with HTTP Basic as LIVETASKS_USER / LIVETASKS_PASSWORD (default: the embedded demo user alice), who
// creates the list, writes to it and subscribes to it.
// Loopback only; bounded in clients, writes and time.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import http from 'node:http';

const require = createRequire(new URL('../src/test/signalr/package.json', import.meta.url));
const WebSocket = require('ws');

const base = new URL(process.argv[2] ?? 'http://localhost:9080/');
const clients = Math.min(Number(process.argv[3] ?? 50), 500);
const writes = Math.min(Number(process.argv[4] ?? 200), 5000);
if (!['localhost', '127.0.0.1', '[::1]'].includes(base.hostname)) {
    throw new Error('loopback only: ' + base.hostname);
}
const authorization = 'Basic ' + Buffer.from(
    `${process.env.LIVETASKS_USER ?? 'alice'}:${process.env.LIVETASKS_PASSWORD ?? 'alice-demo'}`).toString('base64');

async function json(method, path, body) {
    const response = await fetch(new URL(path, base), {
        method, headers: { 'Content-Type': 'application/json', Authorization: authorization },
        body: body && JSON.stringify(body) });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
}

const sentAt = new Map();          // task title -> time the POST was sent
const latencies = { ws: [], sse: [] };

function record(kind, event) {
    const started = event.task && sentAt.get(event.task.title);
    if (started !== undefined && event.action === 'added') latencies[kind].push(performance.now() - started);
}

function openWs(listId, since) {
    return new Promise((resolve, reject) => {
        const url = new URL(`ws/lists/${listId}?since=${since}`, base);
        url.protocol = 'ws:';
        const socket = new WebSocket(url, { headers: { Authorization: authorization } });
        socket.on('open', () => resolve(socket));
        socket.on('error', reject);
        socket.on('message', data => record('ws', JSON.parse(data)));
    });
}

function openSse(listId, since) {
    return new Promise((resolve, reject) => {
        const request = http.get(new URL(`api/lists/${listId}/events?since=${since}`, base),
            { headers: { Accept: 'text/event-stream', Authorization: authorization } }, response => {
                if (response.statusCode !== 200) {
                    reject(new Error(`SSE open failed: HTTP ${response.statusCode}`));
                    response.resume();
                    return;
                }
                let buffer = '';
                response.setEncoding('utf8');
                response.on('data', chunk => {
                    buffer += chunk;
                    let end;
                    while ((end = buffer.indexOf('\n\n')) >= 0) {
                        const block = buffer.slice(0, end);
                        buffer = buffer.slice(end + 2);
                        const data = block.split('\n').filter(l => l.startsWith('data:')).map(l => l.slice(5).trim()).join('\n');
                        if (data) record('sse', JSON.parse(data));
                    }
                });
                resolve(request);
            });
        request.on('error', reject);
    });
}

function percentile(sorted, p) {
    return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p / 100 * sorted.length))] : NaN;
}

const list = await json('POST', 'api/lists', { name: `latency ${new Date().toISOString()}` });
const { version } = await json('GET', `api/lists/${list.id}`);
const sockets = await Promise.all(Array.from({ length: clients }, () => openWs(list.id, version)));
const streams = await Promise.all(Array.from({ length: clients }, () => openSse(list.id, version)));

const deadline = performance.now() + 120_000;
for (let i = 0; i < writes && performance.now() < deadline; i++) {
    const title = `write ${i}`;
    sentAt.set(title, performance.now());
    await json('POST', `api/lists/${list.id}/tasks`, { title });
    await new Promise(resolve => setTimeout(resolve, 20));
}
const expected = sentAt.size * clients;
const settle = performance.now() + 10_000;
while ((latencies.ws.length < expected || latencies.sse.length < expected) && performance.now() < settle) {
    await new Promise(resolve => setTimeout(resolve, 50));
}
sockets.forEach(s => s.close());
streams.forEach(s => s.destroy());

for (const kind of ['ws', 'sse']) {
    const sorted = latencies[kind].sort((a, b) => a - b);
    const f = x => x.toFixed(1);
    console.log(`${kind.padEnd(3)} clients=${clients} writes=${sentAt.size} deliveries=${sorted.length}/${expected} ` +
        `p50=${f(percentile(sorted, 50))}ms p95=${f(percentile(sorted, 95))}ms p99=${f(percentile(sorted, 99))}ms max=${f(sorted.at(-1) ?? NaN)}ms`);
}
