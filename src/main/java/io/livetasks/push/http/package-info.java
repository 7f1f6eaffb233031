/**
 * Long-lived HTTP responses written with the Servlet API's asynchronous, non-blocking I/O, shared by the
 * transports that stream over plain HTTP (the per-list SSE stream, SignalR's SSE transport): a write never
 * blocks the publishing thread, and a response the container has finished is never touched again.
 */
package io.livetasks.push.http;
