package io.livetasks.push.signalr;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;

/**
 * One long poll's request and response, as far as {@link LongPollingTransport} uses them: the poll may be
 * parked ({@code startAsync}), and its answer's stream may be slow ({@link #stall()}) until {@link #drain()}.
 */
final class FakePoll {

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private boolean ready = true;
    private WriteListener writeListener;
    private AsyncListener asyncListener;
    private boolean completed;

    final HttpServletRequest request = proxy(HttpServletRequest.class, (name, args) -> switch (name) {
        case "startAsync" -> proxy(AsyncContext.class, (contextMethod, contextArgs) -> switch (contextMethod) {
            case "setTimeout" -> null;
            case "addListener" -> {
                asyncListener = (AsyncListener) contextArgs[0];
                yield null;
            }
            case "complete" -> {
                completed = true;
                yield null;
            }
            default -> throw new UnsupportedOperationException(contextMethod);
        });
        default -> throw new UnsupportedOperationException(name);
    });

    private final ServletOutputStream stream = new ServletOutputStream() {
        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            writeListener = listener;
        }

        @Override
        public void write(int b) {
            body.write(b);
        }
    };

    final HttpServletResponse response = proxy(HttpServletResponse.class, (name, args) -> switch (name) {
        case "setStatus", "setContentType", "setContentLength", "flushBuffer" -> null;
        case "isCommitted" -> false;
        case "getOutputStream" -> stream;
        default -> throw new UnsupportedOperationException(name);
    });

    /** From now on the stream takes nothing: the answer waits, as on a slow link. */
    FakePoll stall() {
        ready = false;
        return this;
    }

    /** The stream takes the waiting answer (the container's {@code onWritePossible}). */
    void drain() throws IOException {
        ready = true;
        writeListener.onWritePossible();
    }

    boolean parked() {
        return asyncListener != null && !completed;
    }

    boolean completed() {
        return completed;
    }

    String body() {
        return body.toString(StandardCharsets.UTF_8);
    }

    private interface Handler {
        Object handle(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Handler handler) {
        return type.cast(Proxy.newProxyInstance(FakePoll.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "fake " + type.getSimpleName();
                    default -> handler.handle(method.getName(), args);
                }));
    }
}
