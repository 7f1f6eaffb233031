/** The Server-Sent Events transport: one SSE event per message, {@code id:} = the version at a version's end. */
package io.livetasks.push.sse;
