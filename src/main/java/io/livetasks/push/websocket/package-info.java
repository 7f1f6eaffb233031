/** The plain WebSocket transport: one text frame per message. */
package io.livetasks.push.websocket;
