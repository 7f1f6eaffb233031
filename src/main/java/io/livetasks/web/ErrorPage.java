package io.livetasks.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The container's own error responses (a missing static file, a method a servlet does not take, a failure
 * outside JAX-RS) as problem details: Liberty's default pages name message codes and Java exception
 * classes, which are no business of a client. Mapped in web.xml ({@code <error-page>}).
 */
@WebServlet(urlPatterns = "/error")
public class ErrorPage extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : HttpServletResponse.SC_NOT_FOUND;
        String title = switch (status) {
            case HttpServletResponse.SC_NOT_FOUND -> "Not Found";
            case HttpServletResponse.SC_METHOD_NOT_ALLOWED -> "Method Not Allowed";
            case HttpServletResponse.SC_FORBIDDEN -> "Forbidden";
            case HttpServletResponse.SC_UNAUTHORIZED -> "Unauthorized";
            default -> status >= 500 ? "Internal Server Error" : "Bad Request";
        };
        String detail = status == HttpServletResponse.SC_NOT_FOUND ? "No such resource" : title;
        if (!response.isCommitted()) {
            response.resetBuffer();
            ProblemResponses.write(response, status, title, detail);
        }
    }
}
