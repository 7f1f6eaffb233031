/**
 * The bare-Liberty yardstick of the benchmark (bench/run.sh, docs/benchmarks.md): the plainest WebSocket and SSE
 * broadcast and the plainest JAX-RS + JDBC insert Liberty serves, deployed next to livetasks in the same server,
 * so that the application's figures can be read as ratios to what the runtime itself does on the same machine.
 * Not part of the product or of {@code mvn verify}.
 */
package io.livetasks.bench.yardstick;
