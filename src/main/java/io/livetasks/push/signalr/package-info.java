/**
 * The ASP.NET Core SignalR protocol over the project's hub, so that the official {@code @microsoft/signalr}
 * client works unchanged: negotiate, the WebSockets, Server-Sent Events and Long Polling transports on
 * {@code /hubs/{hub}}, the JSON hub protocol (handshake, invocations, completions, pings, close), access
 * tokens, and a registry of hub methods that feature modules fill. Knows nothing about tasks.
 *
 * <p>Specifications: {@code TransportProtocols.md} and {@code HubProtocol.md} in dotnet/aspnetcore
 * {@code src/SignalR/docs/specs/}. What is supported is listed in {@code docs/signalr.md}.
 */
package io.livetasks.push.signalr;
