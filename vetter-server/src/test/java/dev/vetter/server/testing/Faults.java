package dev.vetter.server.testing;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Sits between a store and its real data source: while {@link #down} is set, new connections are refused as if the
 * database were unreachable; {@link #closeAll} closes every connection handed out so far, as a restart would.
 */
public final class Faults {
  private volatile boolean down;
  private final List<Connection> handedOut = new CopyOnWriteArrayList<>();

  public void down(boolean value) {
    down = value;
  }

  /** Closes every physical connection handed out so far (the pool's and the embedded store's). */
  public void closeAll() {
    for (Connection c : handedOut) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // already gone
      }
    }
    handedOut.clear();
  }

  /** The connection, failing every call but close while the outage lasts, as a connection to a stopped server does. */
  private Connection track(Connection real) {
    handedOut.add(real);
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
      String name = method.getName();
      if (down && !name.equals("close") && !name.equals("isClosed")) throw new SQLException("simulated outage: connection lost", "08006");
      try {
        return method.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    });
  }

  public DataSource wrap(DataSource real) {
    return new DataSource() {
      @Override
      public Connection getConnection() throws SQLException {
        if (down) throw new SQLException("simulated outage: connection refused", "08001");
        return track(real.getConnection());
      }

      @Override
      public Connection getConnection(String user, String password) throws SQLException {
        if (down) throw new SQLException("simulated outage: connection refused", "08001");
        return track(real.getConnection(user, password));
      }

      @Override
      public PrintWriter getLogWriter() throws SQLException {
        return real.getLogWriter();
      }

      @Override
      public void setLogWriter(PrintWriter out) throws SQLException {
        real.setLogWriter(out);
      }

      @Override
      public void setLoginTimeout(int seconds) throws SQLException {
        real.setLoginTimeout(seconds);
      }

      @Override
      public int getLoginTimeout() throws SQLException {
        return real.getLoginTimeout();
      }

      @Override
      public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return real.getParentLogger();
      }

      @Override
      public <T> T unwrap(Class<T> iface) throws SQLException {
        return real.unwrap(iface);
      }

      @Override
      public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return real.isWrapperFor(iface);
      }
    };
  }
}
