package io.livetasks.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/logout}: signs the browser out. {@link HttpServletRequest#logout()} makes the container
 * expire its single sign-on cookie ({@code LtpaToken2}) in the response and forget the caller; the session
 * goes too, so nothing of the signed-in user outlives the sign-out. A write like any other: a browser sends
 * it with its cookie and the {@value CrossSiteRequests#HEADER} header, so another site cannot sign the user
 * out.
 */
@Path("logout")
@RequestScoped
public class SignOutResource {

    @POST
    public Response signOut(@Context HttpServletRequest request) throws ServletException {
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return Response.noContent().build();
    }
}
