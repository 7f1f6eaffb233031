/** Access tokens of the SignalR endpoints (HS256 JWTs through Nimbus JOSE+JWT) and the hub settings. */
package io.livetasks.push.signalr.auth;
