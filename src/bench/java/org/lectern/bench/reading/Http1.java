package org.lectern.bench.reading;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One blocking HTTP/1.1 keep-alive connection, for one load thread. The JDK's {@code HttpClient}
 * spent about 1 ms of CPU per request here (its asynchronous machinery and the JIT compiling it),
 * a third of a core at the request rates this benchmark drives, on a 2-core machine shared with
 * the server and PostgreSQL; a plain socket costs a small fraction of that. Reads Content-Length
 * and chunked bodies; reconnects when the server closes the connection.
 */
final class Http1 implements AutoCloseable {

  record Response(int status, String body, String sqlStatements) {}

  private final String host;
  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  Http1(URI base) {
    this.host = base.getHost();
    this.port = base.getPort() < 0 ? 80 : base.getPort();
  }

  Response get(String path, String token) throws IOException {
    return exchange("GET", path, token, null);
  }

  Response post(String path, String token, String json) throws IOException {
    return exchange("POST", path, token, json.getBytes(StandardCharsets.UTF_8));
  }

  private Response exchange(String method, String path, String token, byte[] body) throws IOException {
    StringBuilder head = new StringBuilder(256 + token.length());
    head.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(host).append(':')
        .append(port).append("\r\nAuthorization: Bearer ").append(token)
        .append("\r\nAccept: application/json\r\n");
    if (body != null) {
      head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
    }
    byte[] h = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[h.length + (body == null ? 0 : body.length)];
    System.arraycopy(h, 0, request, 0, h.length);
    if (body != null) {
      System.arraycopy(body, 0, request, h.length, body.length);
    }
    boolean reused = socket != null;
    try {
      return attempt(request);
    } catch (StaleConnection | java.net.SocketException e) {
      // A kept-alive connection the server had closed (or reset) before it read this request.
      close();
      if (!reused) {
        throw e;
      }
    }
    return attempt(request);
  }

  private Response attempt(byte[] request) throws IOException {
    if (socket == null) {
      connect();
    }
    try {
      out.write(request);
      out.flush();
      return read();
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  /** The connection was closed before a byte of the answer came. */
  private static final class StaleConnection extends EOFException {
    private static final long serialVersionUID = 1L;

    StaleConnection() {
      super("connection closed before the response");
    }
  }

  private void connect() throws IOException {
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.setSoTimeout(120_000);
    s.connect(new InetSocketAddress(host, port), 10_000);
    socket = s;
    in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
    out = s.getOutputStream();
  }

  private Response read() throws IOException {
    String status = line(true);
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    boolean close = false;
    String sql = null;
    for (String line; !(line = line(false)).isEmpty(); ) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Content-Length")) {
        length = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
        chunked = value.toLowerCase().contains("chunked");
      } else if (name.equalsIgnoreCase("Connection")) {
        close = value.equalsIgnoreCase("close");
      } else if (name.equalsIgnoreCase("X-Sql-Statements")) {
        sql = value;
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(length > 0 ? (int) length : 512);
    if (chunked) {
      for (long size; (size = Long.parseLong(line(false).split(";")[0].trim(), 16)) > 0; ) {
        copy(size, body);
        line(false);
      }
      while (!line(false).isEmpty()) {
        // trailers
      }
    } else if (length >= 0) {
      copy(length, body);
    } else if (code != 204 && code != 304) {
      in.transferTo(body); // no length: the body ends with the connection
      close = true;
    }
    if (close) {
      close();
    }
    return new Response(code, body.toString(StandardCharsets.UTF_8), sql);
  }

  private void copy(long n, ByteArrayOutputStream to) throws IOException {
    byte[] buf = new byte[8192];
    while (n > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, n));
      if (r < 0) {
        throw new EOFException("body cut short");
      }
      to.write(buf, 0, r);
      n -= r;
    }
  }

  private String line(boolean first) throws IOException {
    StringBuilder sb = new StringBuilder(64);
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) {
        if (first && sb.length() == 0) {
          throw new StaleConnection();
        }
        throw new EOFException("response cut short");
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    socket = null;
    in = null;
    out = null;
  }
}
