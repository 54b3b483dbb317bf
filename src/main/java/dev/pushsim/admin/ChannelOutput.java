package dev.pushsim.admin;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultHttpContent;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

/**
 * A streaming reply's body as an {@link OutputStream} over a channel: each flush is one chunk, and
 * waits until the client has taken it, so a client that stops reading cannot make the server buffer
 * without bound; one that does not read for the write timeout is disconnected.
 */
final class ChannelOutput extends OutputStream {

  private final Channel channel;
  private final Duration timeout;
  private ChannelFuture last;

  ChannelOutput(Channel channel, Duration timeout) {
    this.channel = channel;
    this.timeout = timeout;
  }

  /** Runs {@code action} when the client's connection closes (at once if it is closed already). */
  void onClose(Runnable action) {
    channel.closeFuture().addListener(closed -> action.run());
  }

  boolean isOpen() {
    return channel.isActive();
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (!channel.isActive()) {
      throw new IOException("The admin client closed the connection.");
    }
    // Copied: the caller may reuse its array; Netty releases the buffer once written (or failed).
    last = channel.write(new DefaultHttpContent(Unpooled.copiedBuffer(bytes, offset, length)));
  }

  @Override
  public void flush() throws IOException {
    if (last == null) {
      return;
    }
    channel.flush();
    try {
      if (!last.await(timeout.toMillis())) {
        channel.close();
        throw new IOException("The admin client read nothing for " + timeout.toSeconds() + " s.");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while writing to an admin client", e);
    }
    if (!last.isSuccess()) {
      throw new IOException("Could not write to the admin client: " + last.cause(), last.cause());
    }
  }

  @Override
  public void close() throws IOException {
    flush();
  }
}
