#!/usr/bin/env node
// Where the server's CPU went, from a flight recording of bench/run.sh (BENCH_JFR=1): the methods most often on
// top of the sampled stacks, and for each sample the first livetasks method on its stack (what of ours led there).
//
//   node bench/jfr-top.mjs target/bench/results-full-<time>.jfr [rows]
//
// Uses the JDK's `jfr` tool (JDK 17 has no `jfr view hot-methods`).
import { spawnSync } from 'node:child_process';

const [file, rowsText = '25'] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/jfr-top.mjs <recording.jfr> [rows]');
const printed = spawnSync('jfr', ['print', '--stack-depth', '96', '--events', 'jdk.ExecutionSample', file], { maxBuffer: 1 << 30, encoding: 'utf8' });
if (printed.status !== 0) throw new Error(printed.stderr);

const top = new Map(), ours = new Map(), threads = new Map();
let samples = 0, inStack = false, first = true, ourFrame = null;
const add = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);
for (const line of printed.stdout.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.startsWith('sampledThread = ')) add(threads, trimmed.slice(16).replace(/\(javaThreadId = \d+\)/, '').replace(/\d+/g, 'N'));
    if (trimmed === 'stackTrace = [') { inStack = true; first = true; ourFrame = null; samples++; continue; }
    if (!inStack) continue;
    if (trimmed === ']' ) {
        inStack = false;
        add(ours, ourFrame ?? '(no livetasks frame)');
        continue;
    }
    const frame = trimmed.replace(/\s+line: \d+.*$/, '');
    if (first) { add(top, frame); first = false; }
    if (!ourFrame && frame.startsWith('io.livetasks.')) ourFrame = frame;
}

const rows = Number(rowsText);
const show = (title, map) => {
    console.log(`\n${title}`);
    [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, rows)
        .forEach(([key, count]) => console.log(`${(100 * count / samples).toFixed(1).padStart(5)} %  ${key}`));
};
console.log(`${samples} execution samples in ${file}`);
show('top frames', top);
show('first livetasks frame on the stack', ours);
show('threads', threads);
