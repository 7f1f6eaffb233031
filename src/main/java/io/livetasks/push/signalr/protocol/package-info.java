/** The SignalR JSON hub protocol on its own: record framing, message parsing, frame writing. No I/O. */
package io.livetasks.push.signalr.protocol;
