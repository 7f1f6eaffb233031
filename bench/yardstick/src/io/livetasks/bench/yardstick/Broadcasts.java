package io.livetasks.bench.yardstick;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The trigger: {@code POST /broadcast/ws?frames=K} (or {@code /broadcast/sse}) sends K frames of about 200 bytes
 * to every open session, one after another, with a plain blocking loop, on the request's thread; it answers
 * when all are written with how many writes succeeded. A session whose write fails is dropped.
 */
@WebServlet(urlPatterns = "/broadcast/*")
public class Broadcasts extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int FRAME_BYTES = 200;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int frames = Math.max(1, Math.min(10_000, Integer.parseInt(request.getParameter("frames") == null ? "1" : request.getParameter("frames"))));
        long sent = switch (String.valueOf(request.getPathInfo())) {
            case "/ws" -> webSocket(frames);
            case "/sse" -> sse(frames);
            default -> -1;
        };
        if (sent < 0) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType("application/json");
        response.getWriter().write("{\"sent\":" + sent + "}");
    }

    private static long webSocket(int frames) {
        long sent = 0;
        for (int i = 0; i < frames; i++) {
            String frame = frame(i);
            for (Session session : BroadcastSocket.SESSIONS) {
                try {
                    session.getBasicRemote().sendText(frame);
                    sent++;
                } catch (IOException | RuntimeException e) {
                    BroadcastSocket.SESSIONS.remove(session);
                }
            }
        }
        return sent;
    }

    private static long sse(int frames) {
        long sent = 0;
        for (int i = 0; i < frames; i++) {
            byte[] event = ("event: frame\ndata: " + frame(i) + "\n\n").getBytes(StandardCharsets.UTF_8);
            for (AsyncContext stream : SseServlet.STREAMS) {
                try {
                    ServletOutputStream out = stream.getResponse().getOutputStream();
                    out.write(event);
                    out.flush();
                    sent++;
                } catch (IOException | RuntimeException e) {
                    SseServlet.STREAMS.remove(stream);
                    stream.complete();
                }
            }
        }
        return sent;
    }

    /** About the size of the application's task event: {"seq":i,"pad":"xxx…"}, 200 bytes. */
    static String frame(int seq) {
        String head = "{\"seq\":" + seq + ",\"pad\":\"";
        return head + "x".repeat(FRAME_BYTES - head.length() - 2) + "\"}";
    }
}
