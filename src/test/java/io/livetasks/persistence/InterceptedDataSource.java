package io.livetasks.persistence;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import javax.sql.DataSource;

/**
 * A data source whose connections show every call to an {@link Interceptor} before making it, for tests that
 * record what the code under test asks of its connections, or make one call fail.
 */
public final class InterceptedDataSource {

    /** Sees each call on a connection before it is made; throwing makes the call throw that instead. */
    @FunctionalInterface
    public interface Interceptor {
        void before(Method method, Object[] arguments) throws Throwable;
    }

    private InterceptedDataSource() {
    }

    /** {@code target}, whose connections go through {@code interceptor}. */
    public static DataSource of(DataSource target, Interceptor interceptor) {
        return proxy(DataSource.class, (proxy, method, arguments) -> {
            Object result = invoke(target, method, arguments);
            if (!(result instanceof Connection connection)) {
                return result;
            }
            return proxy(Connection.class, (connectionProxy, call, callArguments) -> {
                interceptor.before(call, callArguments);
                return invoke(connection, call, callArguments);
            });
        });
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(InterceptedDataSource.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /** Calls {@code method} on {@code target}, throwing what it throws (not the reflection's wrapper). */
    private static Object invoke(Object target, Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
