/** Access tokens of the SignalR endpoints (HMAC-signed JWTs) and the hub settings they are checked against. */
package io.livetasks.push.signalr.auth;
