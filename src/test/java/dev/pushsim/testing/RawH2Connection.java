package dev.pushsim.testing;

import dev.pushsim.apns.tls.ClientCertificate;
import dev.pushsim.apns.tls.ClientTls;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersEncoder;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * An HTTP/2 connection that writes whatever frames a test asks for, byte for byte, over TLS with
 * ALPN {@code h2}: for the attacks a well-behaved client library refuses to send (floods, bad
 * pseudo-headers, HPACK bombs, oversized frames). Reads are synchronous and on the caller's thread,
 * so a test can stop reading on purpose.
 */
public final class RawH2Connection implements AutoCloseable {

  public static final int DATA = 0x0;
  public static final int HEADERS = 0x1;
  public static final int RST_STREAM = 0x3;
  public static final int SETTINGS = 0x4;
  public static final int PING = 0x6;
  public static final int GOAWAY = 0x7;

  public static final int END_STREAM = 0x1;
  public static final int ACK = 0x1;
  public static final int END_HEADERS = 0x4;

  /** HTTP/2 error codes (RFC 9113, section 7). */
  public static final long NO_ERROR = 0x0;
  public static final long PROTOCOL_ERROR = 0x1;
  public static final long FRAME_SIZE_ERROR = 0x6;
  public static final long REFUSED_STREAM = 0x7;
  public static final long CANCEL = 0x8;
  public static final long ENHANCE_YOUR_CALM = 0xb;

  private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final SSLSocket socket;
  private final OutputStream out;
  private final DataInputStream in;
  private final DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder(Http2HeadersEncoder.NEVER_SENSITIVE, true);
  private final DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false, 1 << 20);

  private RawH2Connection(SSLSocket socket) throws IOException {
    this.socket = socket;
    this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    this.in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024));
  }

  /** Connects with TLS and ALPN h2, sends the client preface and an empty SETTINGS frame. */
  public static RawH2Connection open(int port, X509Certificate trustedCa) {
    return open(port, trustedCa, 0);
  }

  /**
   * As {@link #open(int, X509Certificate)}, with a small socket receive buffer when {@code
   * receiveBufferBytes} is positive: a client that stops reading then backs the server up fast.
   */
  public static RawH2Connection open(int port, X509Certificate trustedCa, int receiveBufferBytes) {
    return open(port, trustedCa, receiveBufferBytes, null);
  }

  /** As {@link #open(int, X509Certificate)}, presenting {@code identity} (certificate auth). */
  public static RawH2Connection open(int port, X509Certificate trustedCa, ClientCertificate identity) {
    return open(port, trustedCa, 0, identity);
  }

  private static RawH2Connection open(
      int port, X509Certificate trustedCa, int receiveBufferBytes, ClientCertificate identity) {
    try {
      SSLSocket socket = (SSLSocket) tls(trustedCa, identity).getSocketFactory().createSocket();
      if (receiveBufferBytes > 0) {
        socket.setReceiveBufferSize(receiveBufferBytes);
      }
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 10_000);
      socket.setSoTimeout(10_000);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setApplicationProtocols(new String[] {"h2"});
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      if (!"h2".equals(socket.getApplicationProtocol())) {
        throw new IllegalStateException("The server did not choose h2 but '" + socket.getApplicationProtocol() + "'");
      }
      RawH2Connection connection = new RawH2Connection(socket);
      connection.out.write(PREFACE);
      connection.frame(SETTINGS, 0, 0, new byte[0]);
      connection.flush();
      return connection;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SSLContext tls(X509Certificate trustedCa, ClientCertificate identity) throws IOException {
    try {
      return ClientTls.context(List.of(trustedCa), identity);
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  /** HPACK-encodes {@code headers} (pseudo-headers included, in order, unvalidated) with this connection's table. */
  public byte[] encode(List<String[]> headers) {
    Http2Headers http2Headers = new DefaultHttp2Headers(false);
    for (String[] header : headers) {
      http2Headers.add(header[0], header[1]);
    }
    ByteBuf buffer = Unpooled.buffer();
    try {
      encoder.encodeHeaders(0, http2Headers, buffer);
      byte[] block = new byte[buffer.readableBytes()];
      buffer.readBytes(block);
      return block;
    } catch (Http2Exception e) {
      throw new IllegalArgumentException("Cannot encode " + headers, e);
    } finally {
      buffer.release();
    }
  }

  /** A request's header list: the four pseudo-headers of a POST, then {@code headers}. */
  public static List<String[]> request(String path, List<String[]> headers) {
    List<String[]> all = new java.util.ArrayList<>();
    all.add(new String[] {":method", "POST"});
    all.add(new String[] {":scheme", "https"});
    all.add(new String[] {":authority", "localhost"});
    all.add(new String[] {":path", path});
    all.addAll(headers);
    return all;
  }

  /** One HEADERS frame with END_HEADERS carrying {@code headers}. */
  public RawH2Connection headers(int streamId, List<String[]> headers, boolean endStream) {
    return headerBlock(streamId, encode(headers), endStream);
  }

  /** One HEADERS frame with END_HEADERS carrying an HPACK block as given. */
  public RawH2Connection headerBlock(int streamId, byte[] hpack, boolean endStream) {
    return frame(HEADERS, END_HEADERS | (endStream ? END_STREAM : 0), streamId, hpack);
  }

  public RawH2Connection data(int streamId, byte[] payload, boolean endStream) {
    return frame(DATA, endStream ? END_STREAM : 0, streamId, payload);
  }

  public RawH2Connection rstStream(int streamId, long errorCode) {
    return frame(RST_STREAM, 0, streamId, ByteBuffer.allocate(4).putInt((int) errorCode).array());
  }

  public RawH2Connection ping(long opaque) {
    return frame(PING, 0, 0, ByteBuffer.allocate(8).putLong(opaque).array());
  }

  /** Any frame: a 9-byte header, then {@code payload}. */
  public RawH2Connection frame(int type, int flags, int streamId, byte[] payload) {
    try {
      int length = payload.length;
      out.write(new byte[] {(byte) (length >>> 16), (byte) (length >>> 8), (byte) length, (byte) type, (byte) flags});
      out.write(ByteBuffer.allocate(4).putInt(streamId & 0x7fffffff).array());
      out.write(payload);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public RawH2Connection flush() {
    try {
      out.flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next frame from the server, or null once it closed the connection. */
  public Frame next() {
    try {
      int length = in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8 | in.readUnsignedByte();
      int type = in.readUnsignedByte();
      int flags = in.readUnsignedByte();
      int streamId = in.readInt() & 0x7fffffff;
      byte[] payload = new byte[length];
      in.readFully(payload);
      return new Frame(type, flags, streamId, payload, type == HEADERS ? decode(streamId, payload) : null);
    } catch (EOFException | SocketException closed) {
      return null;
    } catch (SocketTimeoutException e) {
      throw new AssertionError("The server sent nothing for 10 s: it hangs", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads until a frame matches {@code wanted}; null when the connection closes first. */
  public Frame await(Predicate<Frame> wanted) {
    Frame frame;
    while ((frame = next()) != null) {
      if (wanted.test(frame)) {
        return frame;
      }
    }
    return null;
  }

  /** Reads until GOAWAY; null when the connection closes without one. */
  public Frame awaitGoAway() {
    return await(frame -> frame.type() == GOAWAY);
  }

  /** Reads until the server closes the connection, skipping every frame. */
  public void awaitClose(Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (next() != null) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("The server kept the connection open for more than " + atMost);
      }
    }
  }

  private Http2Headers decode(int streamId, byte[] block) {
    ByteBuf buffer = Unpooled.wrappedBuffer(block);
    try {
      return decoder.decodeHeaders(streamId, buffer);
    } catch (Http2Exception e) {
      throw new AssertionError("The server sent a header block that does not decode", e);
    } finally {
      buffer.release();
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing is best effort: the test is over
    }
  }

  /** One frame as received; the helpers read the fields of the frame types that have them. */
  public record Frame(int type, int flags, int streamId, byte[] payload, Http2Headers headers) {

    /** The error code of RST_STREAM or GOAWAY. */
    public long errorCode() {
      ByteBuffer buffer = ByteBuffer.wrap(payload);
      return Integer.toUnsignedLong(type == GOAWAY ? buffer.getInt(4) : buffer.getInt(0));
    }

    public int lastStreamId() {
      return ByteBuffer.wrap(payload).getInt(0) & 0x7fffffff;
    }

    /** GOAWAY's debug data as text. */
    public String debugData() {
      return new String(payload, 8, payload.length - 8, StandardCharsets.UTF_8);
    }

    public String status() {
      return headers == null || headers.status() == null ? null : headers.status().toString();
    }

    public boolean isReset(int stream) {
      return type == RST_STREAM && streamId == stream;
    }

    @Override
    public String toString() {
      return switch (type) {
        case HEADERS -> "HEADERS(stream " + streamId + ", " + headers + ")";
        case DATA -> "DATA(stream " + streamId + ", " + new String(payload, StandardCharsets.UTF_8) + ")";
        case RST_STREAM -> "RST_STREAM(stream " + streamId + ", error " + errorCode() + ")";
        case GOAWAY -> "GOAWAY(last stream " + lastStreamId() + ", error " + errorCode() + ", " + debugData() + ")";
        default -> "frame type " + type + " (stream " + streamId + ", flags " + flags + ", " + payload.length + " bytes)";
      };
    }
  }
}
