package io.livetasks.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API lives under {@code /api}; static UI files and WebSockets keep the rest of the URL space.
 *
 * <p>The annotations describe the API for the OpenAPI document Liberty serves at {@code /openapi} (UI at
 * {@code /openapi/ui}): every request needs one of the two schemes, depending on the server's
 * {@code auth.mode}; {@link OpenApiProblems} adds the problem-details answers to every operation.
 */
@ApplicationPath("api")
@OpenAPIDefinition(
        info = @Info(title = "livetasks", version = "0.1.0",
                description = "Shared task lists that stay live in every browser. Errors are RFC 9457 problem "
                        + "details (application/problem+json). Live changes: SignalR hub at /hubs/tasks "
                        + "(POST /api/negotiate first), WebSocket /ws/lists/{listId}, SSE GET /api/lists/{listId}/events.",
                license = @License(name = "See the repository")),
        security = {@SecurityRequirement(name = RestApplication.BASIC), @SecurityRequirement(name = RestApplication.BEARER)},
        components = @Components(
                schemas = @Schema(name = OpenApiProblems.PROBLEM_SCHEMA, implementation = Problem.class,
                        description = "RFC 9457 problem details; errors lists the invalid fields of a 400"),
                securitySchemes = {
                        @SecurityScheme(securitySchemeName = RestApplication.BASIC, type = SecuritySchemeType.HTTP,
                                scheme = "basic",
                                description = "auth.mode=embedded (the default): the embedded users, e.g. alice / alice-demo"),
                        @SecurityScheme(securitySchemeName = RestApplication.BEARER, type = SecuritySchemeType.HTTP,
                                scheme = "bearer", bearerFormat = "JWT",
                                description = "auth.mode=oidc: an access token of the OpenID Connect provider "
                                        + "(e.g. Microsoft Entra ID), see docs/security.md")}))
public class RestApplication extends Application {

    static final String BASIC = "basicAuth";
    static final String BEARER = "bearerAuth";
}
