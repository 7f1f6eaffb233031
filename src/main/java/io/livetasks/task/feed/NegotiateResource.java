package io.livetasks.task.feed;

import io.livetasks.push.signalr.auth.AccessTokens;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code POST /api/negotiate}, as the Azure Functions SignalR binding answers it: the hub URL and a
 * short-lived access token. The official client, built with {@code withUrl(".../api")}, treats this as a
 * redirect and then connects to the hub with the token.
 *
 * <p>The user ({@code sub} of the token) is taken from the {@code x-user} header or the {@code user} query
 * parameter, unchecked: a stand-in until the application authenticates its users.
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
    public HubRedirect negotiate(@HeaderParam("x-user") String headerUser, @QueryParam("user") String queryUser,
                                 @Context UriInfo uri, @Context HttpServletRequest request) {
        String user = headerUser != null ? headerUser : queryUser;
        if (user != null) {
            user = user.strip();
            if (user.isEmpty() || user.length() > 128) {
                throw new BadRequestException("The user must have 1 to 128 characters");
            }
        }
        String hubUrl = uri.getBaseUriBuilder().replacePath(request.getContextPath() + "/hubs/" + TaskHub.NAME)
                .replaceQuery(null).build().toString();
        return new HubRedirect(hubUrl, tokens.issue(user, hubUrl));
    }
}
