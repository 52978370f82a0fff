package dev.customertokens.adapters.persistence;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;

/**
 * A data source whose connections pass every call through a test's {@link Interceptor}, which records it, fails it,
 * or runs the real call on the real connection and then fails: a database that fails one step on demand.
 */
public final class InterceptedConnections {

    /** Decides what one call on a connection does; {@code real} runs it on the real connection. */
    @FunctionalInterface
    public interface Interceptor {
        Object call(String method, RealCall real) throws Throwable;
    }

    @FunctionalInterface
    public interface RealCall {
        Object run() throws Throwable;
    }

    private InterceptedConnections() {
    }

    public static DataSource around(DataSource real, Interceptor interceptor) {
        return proxy(DataSource.class, (dataSource, method, args) -> {
            Object result = invoke(real, method, args);
            if (method.getName().equals("getConnection") && result instanceof Connection connection) {
                return proxy(Connection.class, (intercepted, call, callArgs) ->
                        interceptor.call(call.getName(), () -> invoke(connection, call, callArgs)));
            }
            return result;
        });
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
