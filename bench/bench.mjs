#!/usr/bin/env node
// The benchmark client of bench/run.sh (see docs/benchmarks.md): measures livetasks and the bare-Liberty yardstick
// deployed next to it in the same server, one after the other on the same connections' kind and count, and
// prints a table of both with their ratio. Run through bench/run.sh, which builds, starts and stops the server.
//
//   node bench/bench.mjs <quick|full> <baseUrl> <serverPid> <h2Jar> <h2DatabaseFile> [startupMs]
//
// Loopback only; every phase is bounded in clients and time. Environment: BENCH_USER / BENCH_PASSWORD (alice),
// BENCH_BIG_CLIENTS (10000 in full mode), BENCH_RESULTS (a file for the JSON results), BENCH_ONLY (phases to run,
// comma-separated, e.g. yardWs,appWs).
import http from 'node:http';
import fs from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const [mode = 'quick', baseText = 'http://127.0.0.1:9681/', pidText, h2Jar, h2File, startupText] = process.argv.slice(2);
const base = new URL(baseText);
if (!['localhost', '127.0.0.1', '[::1]'].includes(base.hostname)) throw new Error('loopback only: ' + base.hostname);
const pid = Number(pidText);
const full = mode === 'full';
const cfg = full
    ? { clients: 1000, big: Math.min(10000, Number(process.env.BENCH_BIG_CLIENTS ?? 10000)), burst: 100, bigBurst: 10,
        singles: 20, bigSingles: 5, sqlWrites: 40, postSeconds: 10, waitMs: 90_000, openMs: 180_000 }
    : { clients: 100, big: 300, burst: 20, bigBurst: 5, singles: 5, bigSingles: 3, sqlWrites: 8, postSeconds: 2,
        waitMs: 20_000, openMs: 60_000 };
const pollIntervalMs = Number(process.env.LIVETASKS_POLL_INTERVAL_MS ?? 250);
const authorization = 'Basic ' + Buffer.from(
    `${process.env.BENCH_USER ?? 'alice'}:${process.env.BENCH_PASSWORD ?? 'alice-demo'}`).toString('base64');
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
const now = () => performance.now();
const wallNow = () => performance.timeOrigin + performance.now();
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const log = (...args) => console.error(new Date().toISOString().slice(11, 19), ...args);

// ---------- HTTP ----------

/**
 * One HTTP request on a kept-alive connection. Liberty closes an idle or much-used kept-alive connection on its
 * own; a request that then meets the closed socket before any answer ("socket hang up") is sent again, at most
 * twice, and counted in `resent` (a write resent this way could in principle have been stored twice: then its
 * title arrives twice, which the delivery counts would show).
 */
let resent = 0;

async function request(method, path, options = {}) {
    for (let attempt = 0; ; attempt++) {
        try {
            return await send(method, path, options);
        } catch (error) {
            if (!error.hangUp || attempt >= 2) throw error;
            resent++;
        }
    }
}

function send(method, path, { body, headers = {}, auth = true, timeout = 30_000 } = {}) {
    return new Promise((resolve, reject) => {
        const data = body === undefined ? undefined : (typeof body === 'string' ? body : JSON.stringify(body));
        const req = http.request(new URL(path, base), {
            method, agent, timeout,
            headers: { ...(auth ? { Authorization: authorization } : {}),
                ...(data !== undefined ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : {}),
                ...headers },
        }, response => {
            const chunks = [];
            response.on('data', chunk => chunks.push(chunk));
            response.on('end', () => resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
            response.on('error', reject);
        });
        req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
        req.on('error', error => reject(Object.assign(new Error(`${method} ${path}: ${error.message}`),
            { hangUp: error.code === 'ECONNRESET' || error.code === 'EPIPE' })));
        req.end(data);
    });
}

async function json(method, path, body) {
    // A write may wait long behind a fan-out on a loaded machine: as long as a phase may wait for its deliveries.
    const response = await request(method, path, { body, timeout: cfg.waitMs });
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${response.text.slice(0, 200)}`);
    return response.text ? JSON.parse(response.text) : null;
}

/** Runs task(i) for i < count with at most `limit` running at once. */
async function pool(count, limit, task) {
    let next = 0;
    const results = new Array(count);
    await Promise.all(Array.from({ length: Math.min(limit, count) }, async () => {
        while (next < count) {
            const i = next++;
            results[i] = await task(i);
        }
    }));
    return results;
}

// ---------- server figures from /proc and jcmd ----------

const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

function cpuMicros() {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 1e6 / ticksPerSecond;   // utime + stime
}

function rssKb() {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
}

function heapUsedKb() {
    execFileSync('jcmd', [String(pid), 'GC.run'], { stdio: 'ignore', timeout: 60_000 });
    const info = execFileSync('jcmd', [String(pid), 'GC.heap_info'], { timeout: 60_000 }).toString();
    return Number(/used (\d+)K/.exec(info)[1]);
}

async function memory() {
    await sleep(500);
    return { heapKb: heapUsedKb(), rssKb: rssKb() };
}

// ---------- deliveries ----------

/** Every delivery goes through here: counts it and, for tracked keys, records its latency. */
const tally = {
    count: 0, last: 0, sentAt: new Map(), latencies: null, wallLatencies: null, wallKeys: null,
    reset(latencies) { this.count = 0; this.last = 0; this.sentAt.clear(); this.latencies = latencies ? [] : null; },
    deliver(key) {
        this.count++;
        this.last = now();
        if (this.latencies) {
            const sent = this.sentAt.get(key);
            if (sent !== undefined) this.latencies.push(this.last - sent);
        }
        if (this.wallKeys && typeof key === 'string' && key.startsWith('sql-')) this.wallKeys.push([key, wallNow()]);
    },
};

/** A livetasks event: keyed by its task's title (the benchmark's writes have unique titles). */
function appEvent(event) {
    if (event.task) tally.deliver(event.task.title);
}

/** A yardstick frame: keyed by its sequence number within the trigger. */
function yardFrame(frame) {
    tally.deliver('y' + frame.seq);
}

function wsUrl(path) {
    const url = new URL(path, base);
    url.protocol = 'ws:';
    return url;
}

function openWs(path, onMessage, { headers = {}, onOpen } = {}) {
    return new Promise((resolve, reject) => {
        const socket = new WebSocket(wsUrl(path), { headers, perMessageDeflate: false });
        let opened = false;
        socket.on('open', () => {
            if (onOpen) onOpen(socket, () => { opened = true; resolve(socket); }, reject);
            else { opened = true; resolve(socket); }
        });
        socket.on('error', error => { if (!opened) reject(error); });
        socket.on('close', code => { if (!opened) reject(new Error(`closed ${code} before opening`)); });
        socket.on('message', data => onMessage(data.toString(), socket));
    });
}

/** An SSE stream: calls onData with the data of each event. */
function openSse(path, onData, headers = {}) {
    return new Promise((resolve, reject) => {
        const req = http.get(new URL(path, base), { headers: { Accept: 'text/event-stream', ...headers } }, response => {
            if (response.statusCode !== 200) {
                reject(new Error(`SSE ${path}: HTTP ${response.statusCode}`));
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
                    const dataLine = block.split('\n').find(line => line.startsWith('data:'));
                    if (dataLine) onData(dataLine.slice(5).trim());
                }
            });
            response.on('error', () => {});
            resolve({ close: () => req.destroy() });
        });
        req.on('error', reject);
    });
}

const RS = '\x1e';
const HANDSHAKE = JSON.stringify({ protocol: 'json', version: 1 }) + RS;

/** Handles SignalR JSON hub records; resolves `joined` on the JoinList completion. */
function hubRecords(text, state) {
    for (const record of text.split(RS)) {
        if (!record) continue;
        const message = JSON.parse(record);
        if (message.type === 1 && message.target === 'taskUpdate') appEvent(message.arguments[0]);
        else if (message.type === 3 && message.invocationId === '1') {
            if (message.error) state.fail(new Error(message.error)); else state.joined();
        } else if (message.type === undefined && message.error) state.fail(new Error(message.error));
        else if (message.type === undefined) state.handshake?.();
        else if (message.type === 7) state.closed = message.error ?? 'closed';
    }
}

/** What the official client sends every 15 s: the hub closes a connection it has not heard from in 30 s. */
const PING = JSON.stringify({ type: 6 }) + RS;
const PING_MS = 15_000;

const joinList = (listId, version) => JSON.stringify(
    { type: 1, invocationId: '1', target: 'JoinList', arguments: [listId, version] }) + RS;

async function negotiate() {
    return json('POST', 'hubs/tasks/negotiate?negotiateVersion=1');
}

const transports = {
    /** livetasks' plain WebSocket stream of one list. */
    appWs: (list) => openWs(`ws/lists/${list.id}?since=${list.version}`, text => appEvent(JSON.parse(text)),
        { headers: { Authorization: authorization } }).then(socket => ({ close: () => socket.terminate() })),
    /** livetasks' plain SSE stream of one list. */
    appSse: (list) => openSse(`api/lists/${list.id}/events?since=${list.version}`, data => appEvent(JSON.parse(data)),
        { Authorization: authorization }),
    /** livetasks' SignalR hub over WebSockets, JSON hub protocol, spoken raw. */
    appSignalR: async (list) => {
        const { connectionToken } = await negotiate();
        const state = {};
        const socket = await openWs(`hubs/tasks?id=${encodeURIComponent(connectionToken)}`,
            text => hubRecords(text, state), {
                headers: { Authorization: authorization },
                onOpen: (socket, resolve, reject) => {
                    state.joined = resolve;
                    state.fail = reject;
                    state.handshake = () => socket.send(joinList(list.id, list.version));
                    socket.send(HANDSHAKE);
                },
            });
        const pings = setInterval(() => socket.readyState === WebSocket.OPEN && socket.send(PING), PING_MS);
        return { close: () => { clearInterval(pings); socket.terminate(); } };
    },
    /** livetasks' SignalR hub over long polling: poll after poll until closed. */
    appLongPolling: async (list) => {
        const { connectionToken } = await negotiate();
        const path = `hubs/tasks?id=${encodeURIComponent(connectionToken)}`;
        let closed = false;
        const joined = new Promise((resolve, reject) => {
            const state = { joined: resolve, fail: reject, handshake: () => {} };
            (async () => {
                const first = await request('GET', path, { timeout: 120_000 });
                if (first.status !== 200) throw new Error(`first poll: ${first.status} ${first.text}`);
                const sent = await request('POST', path, { body: HANDSHAKE + joinList(list.id, list.version) });
                if (sent.status !== 200) throw new Error(`send: ${sent.status} ${sent.text}`);
                while (!closed) {
                    const poll = await request('GET', path, { timeout: 180_000 });
                    if (poll.status === 204) break;
                    if (poll.status !== 200) throw new Error(`poll: ${poll.status} ${poll.text}`);
                    hubRecords(poll.text, state);
                }
            })().catch(error => { if (!closed) reject(error); });
        });
        await joined;
        const pings = setInterval(() => request('POST', path, { body: PING }).catch(() => {}), PING_MS);
        return { close: () => { closed = true; clearInterval(pings); request('DELETE', path).catch(() => {}); } };
    },
    /** The yardstick's bare WebSocket. */
    yardWs: () => openWs('yardstick/ws', text => yardFrame(JSON.parse(text)))
        .then(socket => ({ close: () => socket.terminate() })),
    /** The yardstick's bare SSE stream. */
    yardSse: () => openSse('yardstick/sse', data => yardFrame(JSON.parse(data))),
};

async function openClients(kind, count, list) {
    const started = now();
    const deadline = started + cfg.openMs;
    const clients = await pool(count, 50, async () => {
        for (let attempt = 0; ; attempt++) {
            try {
                return await transports[kind](list);
            } catch (error) {
                if (attempt >= 3 || now() > deadline) throw error;
                await sleep(200 * (attempt + 1));
            }
        }
    });
    log(`${kind}: ${count} clients open in ${((now() - started) / 1000).toFixed(1)} s`);
    return clients;
}

async function closeClients(clients) {
    clients.forEach(client => client.close());
    await sleep(full ? 3000 : 1000);
}

async function waitFor(expected, ms = cfg.waitMs) {
    const deadline = now() + ms;
    while (tally.count < expected && now() < deadline) await sleep(5);
    return tally.count;
}

// ---------- what is measured ----------

const runTag = Date.now().toString(36);

/** K writes through the API (at most 8 in flight), counting until every client has every one. */
async function appBurst(list, clients, writes) {
    tally.reset(true);
    const cpu0 = cpuMicros();
    const start = now();
    let failedWrites = 0, issued = 0;
    await pool(writes, 8, async i => {
        if (failedWrites) return;   // the server stalled: issue no more writes (the expected count shrinks)
        const title = `burst-${runTag}-${i}`;
        issued++;
        tally.sentAt.set(title, now());
        try {
            await json('POST', `api/lists/${list.id}/tasks`, { title });
        } catch (error) {
            failedWrites++;   // no answer in time: still expected (it may have committed); the counts will show
            log(String(error.message ?? error));
        }
    });
    const expected = clients * issued;
    const delivered = await waitFor(expected);
    const cpu1 = cpuMicros();
    return { ...fanoutResult(delivered, expected, start, cpu0, cpu1), ...(failedWrites ? { failedWrites } : {}) };
}

/** One trigger that sends K frames to every yardstick session. */
async function yardBurst(path, clients, frames) {
    tally.reset(true);
    const expected = clients * frames;
    const cpu0 = cpuMicros();
    const start = now();
    for (let i = 0; i < frames; i++) tally.sentAt.set('y' + i, start);
    const response = await request('POST', `yardstick/broadcast/${path}?frames=${frames}`, { auth: false, timeout: cfg.waitMs });
    if (response.status !== 200) throw new Error(`trigger: ${response.status}`);
    const delivered = await waitFor(expected);
    const cpu1 = cpuMicros();
    return fanoutResult(delivered, expected, start, cpu0, cpu1);
}

function fanoutResult(delivered, expected, start, cpu0, cpu1) {
    const seconds = ((tally.last || now()) - start) / 1000;
    return { delivered, expected, perSecond: delivered / seconds, cpuPerDelivery: (cpu1 - cpu0) / Math.max(1, delivered),
        latency: stats(tally.latencies) };
}

/** One write at a time: the time from sending it until every client has it, over all deliveries. */
async function appSingles(list, clients, count) {
    tally.reset(true);
    for (let i = 0; i < count; i++) {
        const title = `single-${runTag}-${i}`;
        const before = tally.count;
        tally.sentAt.set(title, now());
        await json('POST', `api/lists/${list.id}/tasks`, { title });
        if (await waitFor(before + clients, 10_000) < before + clients) break;   // stalled: say so, do not wait on
        await sleep(100);
    }
    return { ...stats(tally.latencies), expected: clients * count };
}

async function yardSingles(path, clients, count) {
    tally.reset(true);
    for (let i = 0; i < count; i++) {
        const before = tally.count;
        tally.sentAt.set('y0', now());
        await request('POST', `yardstick/broadcast/${path}?frames=1`, { auth: false });
        if (await waitFor(before + clients, 10_000) < before + clients) break;
        await sleep(100);
    }
    return { ...stats(tally.latencies), expected: clients * count };
}

/** Plain-SQL inserts from another JVM (H2 AUTO_SERVER), spread over the poll interval's phase. */
async function sqlLatency(list, clients, count) {
    tally.reset(false);
    tally.wallKeys = [];
    const program = fileURLToPath(new URL('SqlWriter.java', import.meta.url));
    const url = `jdbc:h2:${h2File};AUTO_SERVER=TRUE`;
    const gap = Math.round(pollIntervalMs * 1.37);
    const child = spawn('java', ['-cp', h2Jar, program, url, 'sa', process.env.DB_PASSWORD ?? 'livetasks-demo',
        String(list.id), String(count), String(gap), `sql-${runTag}`], { stdio: ['ignore', 'pipe', 'inherit'] });
    const written = new Map();
    let out = '';
    child.stdout.on('data', chunk => {
        out += chunk;
        let end;
        while ((end = out.indexOf('\n')) >= 0) {
            const [title, at] = out.slice(0, end).split(' ');
            out = out.slice(end + 1);
            if (at) written.set(title, Number(at));
        }
    });
    const exit = new Promise(resolve => child.on('exit', resolve));
    const code = await Promise.race([exit, sleep(cfg.waitMs + count * gap).then(() => 'timeout')]);
    if (code !== 0) { child.kill(); log(`SqlWriter ended with ${code}`); }
    await waitFor((written.size + 1) * clients, 5000);   // + the warm-up insert
    const latencies = tally.wallKeys.filter(([key]) => written.has(key)).map(([key, at]) => at - written.get(key));
    tally.wallKeys = null;
    return { ...stats(latencies), expected: written.size * clients, writes: written.size };
}

/** POSTs for a fixed time, 8 at once, after a warm-up a third as long: successful writes per second. */
async function postThroughput(path, body, auth) {
    await pool(8, 8, async () => {
        for (const end = now() + cfg.postSeconds * 333; now() < end;) await request('POST', path, { body: body(-1), auth });
    });
    const end = now() + cfg.postSeconds * 1000;
    let ok = 0, failed = 0, i = 0;
    const start = now();
    await pool(8, 8, async () => {
        while (now() < end) {
            const response = await request('POST', path, { body: body(i++), auth });
            if (response.status === 201) ok++; else failed++;
        }
    });
    return { perSecond: ok / ((now() - start) / 1000), ok, failed };
}

function stats(values) {
    if (!values || values.length === 0) return { n: 0 };
    const sorted = Float64Array.from(values).sort();
    const at = p => sorted[Math.min(sorted.length - 1, Math.floor(p / 100 * sorted.length))];
    return { n: sorted.length, p50: at(50), p99: at(99), max: sorted[sorted.length - 1] };
}

async function newList(name) {
    const list = await json('POST', 'api/lists', { name: `${name} ${runTag}` });
    const snapshot = await json('GET', `api/lists/${list.id}`);
    return { id: list.id, version: snapshot.version };
}

/** Opens the clients, measures idle memory per connection, runs `measure`, closes them. */
async function withClients(kind, count, list, measure) {
    const before = await memory();
    const clients = await openClients(kind, count, list);
    const after = await memory();
    const perConnection = { heapKb: (after.heapKb - before.heapKb) / count, rssKb: (after.rssKb - before.rssKb) / count };
    try {
        return { perConnection, ...(await measure(clients.length)) };
    } finally {
        await closeClients(clients);
    }
}

// ---------- the run ----------

const results = { mode, startedAt: new Date().toISOString(), cfg, startupMs: Number(startupText) || null,
    nproc: execFileSync('nproc').toString().trim(), loadBefore: fs.readFileSync('/proc/loadavg', 'utf8').trim() };

const only = process.env.BENCH_ONLY?.split(',');

async function phase(name, body) {
    if (only && !only.includes(name)) return;
    log(`phase ${name}`);
    const started = now();
    try {
        results[name] = await body();
    } catch (error) {
        log(`phase ${name} failed: ${error.stack ?? error}`);
        results[name] = { error: String(error.message ?? error) };
    }
    log(`phase ${name} done in ${((now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(results[name])}`);
}

const C = cfg.clients;
const B = cfg.big;

await phase('postBare', () => postThroughput('yardstick/api/insert', i => ({ title: `bare ${i}` }), false));
await phase('postApp', async () => {
    const list = await newList('post');
    return postThroughput(`api/lists/${list.id}/tasks`, i => ({ title: `post ${i}` }), true);
});
await phase('postAppSubscribed', async () => {
    const list = await newList('post-subscribed');
    return withClients('appWs', 10, list, () => postThroughput(`api/lists/${list.id}/tasks`, i => ({ title: `post ${i}` }), true));
});

await phase('yardWs', () => withClients('yardWs', C, null, async n => ({
    burst: await yardBurst('ws', n, cfg.burst), single: await yardSingles('ws', n, cfg.singles) })));
await phase('appWs', async () => {
    const list = await newList('ws');
    return withClients('appWs', C, list, async n => ({
        burst: await appBurst(list, n, cfg.burst), single: await appSingles(list, n, cfg.singles),
        sql: await sqlLatency(list, n, cfg.sqlWrites) }));
});
await phase('yardSse', () => withClients('yardSse', C, null, async n => ({
    burst: await yardBurst('sse', n, cfg.burst), single: await yardSingles('sse', n, cfg.singles) })));
await phase('appSse', async () => {
    const list = await newList('sse');
    return withClients('appSse', C, list, async n => ({
        burst: await appBurst(list, n, cfg.burst), single: await appSingles(list, n, cfg.singles) }));
});
await phase('appSignalR', async () => {
    const list = await newList('signalr');
    return withClients('appSignalR', C, list, async n => ({
        burst: await appBurst(list, n, cfg.burst), single: await appSingles(list, n, cfg.singles) }));
});
await phase('appLongPolling', async () => {
    const list = await newList('long-polling');
    return withClients('appLongPolling', C, list, async n => ({
        burst: await appBurst(list, n, cfg.burst), single: await appSingles(list, n, cfg.singles) }));
});
await phase('yardWsBig', () => withClients('yardWs', B, null, async n => ({
    burst: await yardBurst('ws', n, cfg.bigBurst), single: await yardSingles('ws', n, cfg.bigSingles) })));
await phase('appWsBig', async () => {
    const list = await newList('ws-big');
    return withClients('appWs', B, list, async n => ({
        burst: await appBurst(list, n, cfg.bigBurst), single: await appSingles(list, n, cfg.bigSingles) }));
});
results.loadAfter = fs.readFileSync('/proc/loadavg', 'utf8').trim();
results.resentRequests = resent;

// ---------- the table ----------

const k = n => n >= 1000 ? `${(n / 1000).toFixed(n % 1000 ? 1 : 0)}k` : String(n);
const num = (x, digits = 0) => (x === undefined || x === null || Number.isNaN(x)) ? '—'
    : x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = x => x === undefined ? '—' : `${num(x, 1)} ms`;
const ratio = (a, b) => (a && b) ? `${num(a / b, 2)}` : '—';
const get = (path) => path.split('.').reduce((o, key) => o?.[key], results);
const rows = [];
const row = (figure, yard, app, compare) => rows.push([figure, yard, app, compare]);
const complete = r => r && r.delivered !== undefined ? ` (${num(r.delivered)}/${num(r.expected)})` : '';

function fanoutRows(label, yardPath, appPath) {
    const y = get(yardPath), a = get(appPath);
    row(`${label}: deliveries/s`, `${num(y?.perSecond)}${complete(y)}`, `${num(a?.perSecond)}${complete(a)}`,
        `${ratio(a?.perSecond, y?.perSecond)} ×`);
    row(`${label}: server CPU per delivery`, `${num(y?.cpuPerDelivery, 1)} µs`, `${num(a?.cpuPerDelivery, 1)} µs`,
        `${ratio(a?.cpuPerDelivery, y?.cpuPerDelivery)} ×`);
}
const lat = s => s && s.n ? `${num(s.p50, 0)} / ${num(s.p99, 0)} / ${num(s.max, 0)} ms` : (s?.error ?? '—');
const latRow = (figure, y, a) => row(figure, lat(y), lat(a) + (a?.expected ? ` (${num(a.n)}/${num(a.expected)})` : ''),
    a?.p99 !== undefined && y?.p99 !== undefined ? `p99 ${a.p99 >= y.p99 ? '+' : '−'}${num(Math.abs(a.p99 - y.p99))} ms` : '—');

fanoutRows(`WebSocket, ${k(C)} clients, burst of ${cfg.burst}`, 'yardWs.burst', 'appWs.burst');
fanoutRows(`WebSocket, ${k(B)} clients, burst of ${cfg.bigBurst}`, 'yardWsBig.burst', 'appWsBig.burst');
fanoutRows(`SSE, ${k(C)} clients, burst of ${cfg.burst}`, 'yardSse.burst', 'appSse.burst');
fanoutRows(`SignalR WebSockets, ${k(C)} clients, burst of ${cfg.burst} (yardstick: bare WebSocket)`, 'yardWs.burst', 'appSignalR.burst');
fanoutRows(`SignalR long polling, ${k(C)} clients, burst of ${cfg.burst} (yardstick: bare WebSocket)`, 'yardWs.burst', 'appLongPolling.burst');
latRow(`one write → all ${k(C)} WebSocket clients, p50 / p99 / max (yardstick: one frame)`, get('yardWs.single'), get('appWs.single'));
latRow(`burst of ${cfg.burst} → all ${k(C)} WebSocket clients, each write's deliveries`, get('yardWs.burst.latency'), get('appWs.burst.latency'));
latRow(`one write → all ${k(B)} WebSocket clients`, get('yardWsBig.single'), get('appWsBig.single'));
latRow(`burst of ${cfg.bigBurst} → all ${k(B)} WebSocket clients`, get('yardWsBig.burst.latency'), get('appWsBig.burst.latency'));
latRow(`one write → all ${k(C)} SSE clients`, get('yardSse.single'), get('appSse.single'));
latRow(`one write → all ${k(C)} SignalR WebSocket clients (yardstick: bare WebSocket)`, get('yardWs.single'), get('appSignalR.single'));
latRow(`one write → all ${k(C)} long-polling clients (yardstick: bare WebSocket)`, get('yardWs.single'), get('appLongPolling.single'));
{
    const s = get('appWs.sql');
    row(`plain-SQL insert (another JVM) → all ${k(C)} WebSocket clients, p50 / p99 / max; poll interval ${pollIntervalMs} ms`,
        '—', lat(s) + (s?.expected ? ` (${num(s.n)}/${num(s.expected)})` : ''),
        s?.p99 !== undefined ? `p99 = interval ${s.p99 >= pollIntervalMs ? '+' : '−'} ${num(Math.abs(s.p99 - pollIntervalMs))} ms` : '—');
}
{
    const y = get('postBare'), a = get('postApp'), b = get('postAppSubscribed');
    row('`POST` throughput, 8 at once: bare JAX-RS + JDBC insert vs `POST /api/lists/{id}/tasks`, no subscribers',
        `${num(y?.perSecond)}/s`, `${num(a?.perSecond)}/s${a?.failed ? ` (${a.failed} failed)` : ''}`, `${ratio(a?.perSecond, y?.perSecond)} ×`);
    row('same, 10 WebSocket subscribers on the list', `${num(y?.perSecond)}/s`,
        `${num(b?.perSecond)}/s${b?.failed ? ` (${b.failed} failed)` : ''}`, `${ratio(b?.perSecond, y?.perSecond)} ×`);
}
for (const [label, y, a] of [[`WebSocket, ${k(C)}`, 'yardWs', 'appWs'], [`WebSocket, ${k(B)}`, 'yardWsBig', 'appWsBig'],
    [`SSE, ${k(C)}`, 'yardSse', 'appSse']]) {
    const yp = get(`${y}.perConnection`), ap = get(`${a}.perConnection`);
    row(`heap / RSS per idle connection, ${label}`, `${num(yp?.heapKb, 1)} / ${num(yp?.rssKb, 1)} KB`,
        `${num(ap?.heapKb, 1)} / ${num(ap?.rssKb, 1)} KB`, `${ratio(ap?.heapKb, yp?.heapKb)} × heap`);
}
for (const [label, a] of [[`SignalR WebSockets, ${k(C)}`, 'appSignalR'], [`long polling, ${k(C)}`, 'appLongPolling']]) {
    const ap = get(`${a}.perConnection`);
    row(`heap / RSS per idle connection, ${label}`, '—', `${num(ap?.heapKb, 1)} / ${num(ap?.rssKb, 1)} KB`, '—');
}
row('start-up: `server start` → `/health/ready` UP (both apps in the server)', '—', results.startupMs ? `${num(results.startupMs / 1000, 1)} s` : '—', '—');

const table = ['| figure | bare Liberty | livetasks | livetasks vs bare |', '|---|---|---|---|',
    ...rows.map(r => `| ${r.join(' | ')} |`)].join('\n');
results.table = table;
console.log(`\nlivetasks vs bare Liberty, ${mode} mode, ${results.startedAt}; nproc ${results.nproc}; ` +
    `load average before ${results.loadBefore.split(' ').slice(0, 3).join(' ')}, after ${results.loadAfter.split(' ').slice(0, 3).join(' ')}; ` +
    `requests resent after a closed connection: ${resent}\n`);
console.log(table);
if (process.env.BENCH_RESULTS) fs.writeFileSync(process.env.BENCH_RESULTS, JSON.stringify(results, null, 2));
const failures = Object.entries(results).filter(([, value]) => value && typeof value === 'object' && value.error);
agent.destroy();
process.exit(failures.length ? 1 : 0);
