package io.livetasks.bench.yardstick;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bare Server-Sent Events endpoint: an async servlet response kept open, written to with blocking writes by
 * {@link Broadcasts}. The SSE equivalent of {@link BroadcastSocket}.
 */
@WebServlet(urlPatterns = "/sse", asyncSupported = true)
public class SseServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final Set<AsyncContext> STREAMS = ConcurrentHashMap.newKeySet();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                STREAMS.remove(async);
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                STREAMS.remove(async);
            }

            @Override
            public void onError(AsyncEvent event) {
                STREAMS.remove(async);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // not restarted
            }
        });
        ServletOutputStream out = response.getOutputStream();
        out.write(": open\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        response.flushBuffer();
        STREAMS.add(async);
    }
}
