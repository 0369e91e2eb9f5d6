package dev.vetter.server.testing;

import java.io.PrintWriter;
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

  public DataSource wrap(DataSource real) {
    return new DataSource() {
      @Override
      public Connection getConnection() throws SQLException {
        if (down) throw new SQLException("simulated outage: connection refused", "08001");
        Connection c = real.getConnection();
        handedOut.add(c);
        return c;
      }

      @Override
      public Connection getConnection(String user, String password) throws SQLException {
        if (down) throw new SQLException("simulated outage: connection refused", "08001");
        Connection c = real.getConnection(user, password);
        handedOut.add(c);
        return c;
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
