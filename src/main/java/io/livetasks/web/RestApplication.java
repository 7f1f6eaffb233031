package io.livetasks.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API lives under {@code /api}; static UI files and WebSockets keep the rest of the URL space. */
@ApplicationPath("api")
public class RestApplication extends Application {
}
