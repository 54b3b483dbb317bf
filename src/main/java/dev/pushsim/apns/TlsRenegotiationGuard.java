package dev.pushsim.apns;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;

/**
 * Refuses TLS 1.2 renegotiation, which RFC 9113 §9.2.1 lets a server treat as a connection error
 * and the JDK's TLS engine would otherwise accept: it reads the TLS record headers ahead of the
 * {@link SslHandler}, and a handshake record once the handshake is done (a new ClientHello) never
 * reaches the engine; the connection ends with GOAWAY PROTOCOL_ERROR. TLS 1.3 has no
 * renegotiation: its later handshake messages travel as application data.
 */
final class TlsRenegotiationGuard extends ChannelInboundHandlerAdapter {

  private static final int HEADER_BYTES = 5;
  private static final int HANDSHAKE = 22;

  private final SslHandler tls;
  /** Bytes of the current record's body still to skip; negative: inside a header. */
  private int bodyLeft;
  private final byte[] header = new byte[HEADER_BYTES];
  private int headerRead;
  private boolean refused;

  TlsRenegotiationGuard(SslHandler tls) {
    this.tls = tls;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (refused) {
      ((ByteBuf) msg).release(); // the connection is closing: nothing more reaches the engine
      return;
    }
    if (msg instanceof ByteBuf bytes && renegotiates(bytes)) {
      refused = true;
      bytes.release(); // the ClientHello never reaches the engine
      ApnsConnectionHandler handler = ctx.pipeline().get(ApnsConnectionHandler.class);
      ChannelHandlerContext h2 = ctx.pipeline().context(ApnsConnectionHandler.class);
      if (handler == null || h2 == null) {
        ctx.close();
      } else {
        handler.renegotiationRefused(h2);
      }
      return;
    }
    ctx.fireChannelRead(msg);
  }

  /** Walks the record headers in {@code bytes}; true when one starts a handshake after the first. */
  private boolean renegotiates(ByteBuf bytes) {
    boolean established = tls.handshakeFuture().isSuccess()
        && "TLSv1.2".equals(tls.engine().getSession().getProtocol());
    int index = bytes.readerIndex();
    int end = bytes.writerIndex();
    while (index < end) {
      if (bodyLeft > 0) {
        int skip = Math.min(bodyLeft, end - index);
        bodyLeft -= skip;
        index += skip;
        continue;
      }
      header[headerRead++] = bytes.getByte(index++);
      if (headerRead == HEADER_BYTES) {
        headerRead = 0;
        bodyLeft = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
        if (established && header[0] == HANDSHAKE) {
          return true;
        }
      }
    }
    return false;
  }
}
