package io.livetasks.task.feed;

import io.livetasks.push.signalr.auth.AccessTokens;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code POST /api/negotiate}, as the Azure Functions SignalR binding answers it: the hub URL and a
 * short-lived access token. The official client, built with {@code withUrl(".../api")}, treats this as a
 * redirect and then connects to the hub with the token.
 *
 * <p>The token names the authenticated caller ({@code sub}) and nobody else: a name the caller supplies is
 * never used. The client renews it through its {@code accessTokenFactory} by calling this again.
 */
@Path("negotiate")
@RequestScoped
public class NegotiateResource {

    /** The redirect the client follows. */
    public record HubRedirect(String url, String accessToken) {
    }

    private final AccessTokens tokens;

    @Inject
    public NegotiateResource(AccessTokens tokens) {
        this.tokens = tokens;
    }

    /** For the CDI proxy only. */
    protected NegotiateResource() {
        this(null);
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public HubRedirect negotiate(@Context UriInfo uri, @Context HttpServletRequest request, @Context SecurityContext caller) {
        String user = caller.getUserPrincipal().getName(); // the web layer refused anonymous requests
        String hubUrl = uri.getBaseUriBuilder().replacePath(request.getContextPath() + "/hubs/" + TaskHub.NAME)
                .replaceQuery(null).build().toString();
        return new HubRedirect(hubUrl, tokens.issue(user, hubUrl));
    }
}
