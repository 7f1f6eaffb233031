package io.livetasks.push;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * When the application stops (a rolling update, a scale-in), tells every connected client to reconnect
 * before the container tears the connections down: otherwise a client sees a dropped connection (WebSocket
 * 1006) and cannot tell a restart from a failure. The web context ends before the CDI contexts, so this
 * runs while the connections still work. The hub is looked up, not injected: the servlet container creates
 * listeners itself (no constructor injection).
 */
@WebListener
public class ShutdownNotice implements ServletContextListener {

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        CDI.current().select(Hub.class).get().shutdown();
    }
}
