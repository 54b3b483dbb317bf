package dev.pushsim.apns;

import dev.pushsim.clock.SimClock.Cancellable;
import dev.pushsim.push.Reason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.DefaultHttp2SettingsFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameLogger;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2FrameStreamException;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2SettingsAckFrame;
import io.netty.handler.logging.LogLevel;
import io.netty.util.AsciiString;
import io.netty.util.CharsetUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates HTTP/2 frames of one provider connection into {@link ApnsRequest}s for the
 * {@link ApnsService}, and its {@link ApnsService.Exchange}s back into frames. Holds no APNs
 * logic. Answers are written as they are decided and flushed once per read batch, so that a
 * provider sending many streams at once is not answered with one syscall per stream.
 */
final class ApnsConnectionHandler extends ChannelDuplexHandler {

  private static final AsciiString HEADER_LIST_TOO_LARGE = AsciiString.cached("431");

  private static final String REFUSED_WHY = "more streams open than SETTINGS_MAX_CONCURRENT_STREAMS allows";

  private static final Logger log = LoggerFactory.getLogger(ApnsConnectionHandler.class);

  private final ApnsService service;
  private final X509Certificate[] clientChain;
  /** The server's stream limit once a connection is up: its settings', or a stream limit fault's. */
  private final LongSupplier streamLimit;
  /**
   * False on a token-auth connection until its first valid provider token: till then it has the
   * settings' start limit, 1 as APNs does (Apple, "Sending notification requests to APNs").
   */
  private boolean streamsRaised;
  /**
   * The provider acknowledged the first SETTINGS. Until then the start limit is not enforced
   * (RFC 9113 §6.5.3: a setting takes effect when acknowledged): a provider that opens streams
   * before reading SETTINGS, as h2load does, is not refused for a limit it could not know.
   */
  private boolean startSettingsAcknowledged;
  private final IntObjectMap<PendingRequest> pending = new IntObjectHashMap<>();
  /** Streams a stall fault left unanswered; freed when the provider resets them or the connection closes. */
  private final Set<Integer> stalled = new HashSet<>();
  private final HeaderStrings headerStrings = new HeaderStrings();
  private ApnsConnection connection;
  private volatile Cancellable idleCheck;
  private String closeReason = "closed by the provider";
  private boolean goingAway;
  /** Why this handler resets the stream it is resetting right now, for {@link #resetSent}. */
  private String resetWhy;
  /** True while this handler sends a reset fault's RST_STREAM, already journaled with its request. */
  private boolean injectedReset;
  private int lastRejectedStream;
  private int headerListTooLarge;

  ApnsConnectionHandler(ApnsService service, X509Certificate[] clientChain, LongSupplier streamLimit) {
    this.service = service;
    this.clientChain = clientChain;
    this.streamLimit = streamLimit;
    this.streamsRaised = clientChain != null && clientChain.length > 0; // certificate auth: the full limit at once
  }

  /** SETTINGS_MAX_CONCURRENT_STREAMS for this connection now; also what its first SETTINGS frame says. */
  long maxConcurrentStreams() {
    long limit = streamLimit.getAsLong();
    return streamsRaised ? limit : Math.min(limit, service.settings().tokenAuthStartStreams());
  }

  /** Sends SETTINGS with this connection's stream limit, now changed, and journals why. */
  void announceMaxConcurrentStreams(ChannelHandlerContext ctx, String why) {
    if (!ctx.channel().isActive()) {
      return;
    }
    long streams = maxConcurrentStreams();
    ctx.write(new DefaultHttp2SettingsFrame(new Http2Settings().maxConcurrentStreams(streams)));
    service.streamLimitAnnounced(connection, streams, why);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    connection = service.open(String.valueOf(ctx.channel().remoteAddress()), clientChain, maxConcurrentStreams());
    unlimitCodec(ctx);
    scheduleIdleCheck(ctx);
  }

  /**
   * This handler enforces the stream limit, not the codec: the codec refuses a stream without
   * creating it, so the refused stream's DATA then ends the whole connection with PROTOCOL_ERROR
   * ("Stream 3 does not exist"). A stream this handler resets is known to the codec, which then
   * discards its DATA (RFC 9113 §5.1: frames on a stream the server reset are ignored).
   */
  private static void unlimitCodec(ChannelHandlerContext ctx) {
    Http2FrameCodec codec = ctx.pipeline().get(Http2FrameCodec.class);
    if (codec != null) {
      codec.connection().remote().maxActiveStreams(Integer.MAX_VALUE);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof Http2HeadersFrame) {
      onHeaders(ctx, (Http2HeadersFrame) msg);
    } else if (msg instanceof Http2DataFrame) {
      onData(ctx, (Http2DataFrame) msg);
    } else if (msg instanceof Http2SettingsAckFrame) {
      // The codec applied the acknowledged SETTINGS' stream limit just before: take it back.
      unlimitCodec(ctx);
      startSettingsAcknowledged = true;
    } else if (msg instanceof Http2ResetFrame) {
      // The provider gave up on the stream: nothing will be answered on it.
      int streamId = ((Http2ResetFrame) msg).stream().id();
      pending.remove(streamId);
      stalled.remove(streamId);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  private void onHeaders(ChannelHandlerContext ctx, Http2HeadersFrame frame) {
    PendingRequest request = pending.get(frame.stream().id());
    if (request == null) {
      String malformed = MalformedHeaders.problem(frame.headers(), headerStrings);
      if (malformed != null) {
        reset(ctx, frame.stream(), Http2Error.PROTOCOL_ERROR, "malformed request: " + malformed);
        return;
      }
      if (overStreamLimit(ctx)) {
        reset(ctx, frame.stream(), Http2Error.REFUSED_STREAM, REFUSED_WHY);
        return;
      }
      request = new PendingRequest(frame.stream(), frame.headers(), service.settings().payloadCaptureLimit(),
          headerStrings);
    }
    if (frame.isEndStream()) {
      pending.remove(frame.stream().id());
      answer(ctx, request);
    } else {
      pending.put(frame.stream().id(), request);
    }
  }

  /** True when the stream just opened is one more than SETTINGS_MAX_CONCURRENT_STREAMS allows. */
  private boolean overStreamLimit(ChannelHandlerContext ctx) {
    Http2FrameCodec codec = ctx.pipeline().get(Http2FrameCodec.class);
    // The new stream is already active in the codec's count, so more than the limit means refuse it.
    return codec != null && codec.connection().remote().numActiveStreams()
        > (startSettingsAcknowledged ? maxConcurrentStreams() : streamLimit.getAsLong());
  }

  private void onData(ChannelHandlerContext ctx, Http2DataFrame frame) {
    try {
      PendingRequest request = pending.get(frame.stream().id());
      if (request != null) {
        request.append(frame.content());
      }
      // Hand the flow-control window back, or the provider stalls after 64 KiB.
      if (frame.initialFlowControlledBytes() > 0) {
        ctx.write(new DefaultHttp2WindowUpdateFrame(frame.initialFlowControlledBytes()).stream(frame.stream()));
      }
      if (frame.isEndStream() && request != null) {
        pending.remove(frame.stream().id());
        answer(ctx, request);
      }
    } finally {
      frame.release(); // the content was copied into the pending request
    }
  }

  private void answer(ChannelHandlerContext ctx, PendingRequest pendingRequest) {
    Exchange exchange = service.handle(pendingRequest.toRequest(), connection);
    if (!streamsRaised && connection.tokenAccepted()) {
      // Before the answer, as APNs raises the limit once a token proved valid.
      streamsRaised = true;
      announceMaxConcurrentStreams(ctx, "first valid provider token");
    }
    act(ctx, pendingRequest.stream, exchange);
  }

  /** Does what the service decided; the one place where an exchange becomes frames. */
  private void act(ChannelHandlerContext ctx, Http2FrameStream stream, Exchange exchange) {
    if (exchange instanceof Exchange.Answer answer) {
      ResponseFrames.write(ctx, stream, answer.response()); // flushed with the rest of this read batch
    } else if (exchange instanceof Exchange.DelayedAnswer delayed) {
      ResponseFrames.later(ctx, delayed.delay(), () -> ResponseFrames.write(ctx, stream, delayed.response()));
    } else if (exchange instanceof Exchange.AnswerThenGoAway goAway) {
      ResponseFrames.later(ctx, goAway.delay(), () -> {
        ResponseFrames.write(ctx, stream, goAway.response());
        goAway(ctx, goAway.reason());
      });
    } else if (exchange instanceof Exchange.Drop) {
      closeReason = "dropped by an injected fault";
      ctx.close();
    } else if (exchange instanceof Exchange.ResetStream reset) {
      // The request's own journal event says so: resetSent must not journal it again as rejected.
      injectedReset = true;
      try {
        ctx.write(new DefaultHttp2ResetFrame(reset.errorCode()).stream(stream));
      } finally {
        injectedReset = false;
      }
    } else if (exchange instanceof Exchange.Stall) {
      // Nothing is sent; the stream stays open (and counted) until the provider resets it or the
      // connection closes, which frees it.
      stalled.add(stream.id());
    }
  }

  /** Sends GOAWAY with Apple's {@code {"reason": ...}} debug data and closes once streams finish. */
  void goAway(ChannelHandlerContext ctx, Reason reason) {
    if (goingAway || !ctx.channel().isActive()) {
      return;
    }
    goingAway = true;
    closeReason = "GOAWAY " + reason.wireString();
    ByteBuf debug = ByteBufUtil.writeUtf8(ctx.alloc(), "{\"reason\":\"" + reason.wireString() + "\"}");
    ctx.writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.NO_ERROR, debug)); // the codec releases debug
    ctx.close();
  }

  /** A TLS 1.2 renegotiation: a connection error (RFC 9113 §9.2.1), ended with GOAWAY PROTOCOL_ERROR. */
  void renegotiationRefused(ChannelHandlerContext ctx) {
    if (goingAway || !ctx.channel().isActive()) {
      return;
    }
    goingAway = true;
    String why = "TLS renegotiation is a connection error in HTTP/2 (RFC 9113 section 9.2.1)";
    closeReason = "HTTP/2 PROTOCOL_ERROR: " + why;
    ByteBuf debug = ByteBufUtil.writeUtf8(ctx.alloc(), why);
    ctx.writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.PROTOCOL_ERROR, debug)); // the codec releases debug
    ctx.close();
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (idleCheck != null) {
      idleCheck.cancel();
    }
    int unfinished = pending.size();
    pending.clear();
    int stillStalled = stalled.size();
    stalled.clear();
    service.close(connection, closeReason, unfinished, stillStalled);
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof Http2FrameStreamException streamError) {
      // A stream error on an open stream (a body longer than its content-length, say): the codec
      // leaves the reset to this handler; the other streams go on.
      pending.remove(streamError.stream().id());
      reset(ctx, streamError.stream(), streamError.error(), streamError.getCause().getMessage());
      return;
    }
    if (Http2CodecUtil.getEmbeddedHttp2Exception(cause) != null) {
      return; // a connection error: the codec sends GOAWAY with its code and message (see goAwaySent), then closes
    }
    closeReason = "error: " + cause;
    log.debug("Closing {} after an error", connection, cause);
    ctx.close();
  }

  /** Resets one stream; {@link #resetSent} journals it with {@code why}. */
  private void reset(ChannelHandlerContext ctx, Http2FrameStream stream, Http2Error error, String why) {
    resetWhy = why;
    try {
      ctx.write(new DefaultHttp2ResetFrame(error).stream(stream));
    } finally {
      resetWhy = null;
    }
  }

  /**
   * Every RST_STREAM this server sends passes here, including those the codec sends on its own for
   * streams it never handed over: more than SETTINGS_MAX_CONCURRENT_STREAMS open, or a header list
   * over SETTINGS_MAX_HEADER_LIST_SIZE (answered 431 first).
   */
  private void resetSent(int streamId, long errorCode) {
    Http2Error error = Http2Error.valueOf(errorCode);
    if (injectedReset) {
      lastRejectedStream = streamId;
      return;
    }
    if (connection == null || error == Http2Error.STREAM_CLOSED && streamId == lastRejectedStream) {
      return; // a late frame on a stream already journaled as rejected
    }
    lastRejectedStream = streamId;
    String why = resetWhy;
    if (why == null) {
      why = streamId == headerListTooLarge ? "a header list over the " + ApnsChannelInitializer.MAX_HEADER_LIST_BYTES
          + " bytes of SETTINGS_MAX_HEADER_LIST_SIZE: answered 431"
          : error == Http2Error.REFUSED_STREAM ? REFUSED_WHY
          : error == Http2Error.STREAM_CLOSED ? "a frame arrived on a stream already closed"
          : "reset by the HTTP/2 layer";
    }
    String name = error == null ? "0x" + Long.toHexString(errorCode) : error.name();
    service.streamRejected(connection, streamId, name, why);
  }

  /** A GOAWAY with an error code (a flood, an oversized frame, a broken header block) ends the connection. */
  private void goAwaySent(long errorCode, String debugData) {
    Http2Error error = Http2Error.valueOf(errorCode);
    closeReason = "HTTP/2 " + (error == null ? "0x" + Long.toHexString(errorCode) : error.name()) + ": " + debugData;
  }

  /**
   * A codec frame logger that logs nothing and tells this handler of the errors the codec sends on
   * its own, which never reach the pipeline: RST_STREAM, GOAWAY and 431 answers.
   */
  Http2FrameLogger outboundErrors() {
    return new Http2FrameLogger(LogLevel.TRACE, ApnsConnectionHandler.class) {
      @Override
      public void logRstStream(Direction direction, ChannelHandlerContext ctx, int streamId, long errorCode) {
        if (direction == Direction.OUTBOUND) {
          resetSent(streamId, errorCode);
        }
      }

      @Override
      public void logGoAway(Direction direction, ChannelHandlerContext ctx, int lastStreamId, long errorCode,
          ByteBuf debugData) {
        if (direction == Direction.OUTBOUND && errorCode != Http2Error.NO_ERROR.code()) {
          goAwaySent(errorCode, debugData.toString(CharsetUtil.UTF_8));
        }
      }

      @Override
      public void logHeaders(Direction direction, ChannelHandlerContext ctx, int streamId, Http2Headers headers,
          int padding, boolean endStream) {
        if (direction == Direction.OUTBOUND && HEADER_LIST_TOO_LARGE.contentEquals(headers.status())) {
          headerListTooLarge = streamId;
        }
      }
    };
  }

  private void scheduleIdleCheck(ChannelHandlerContext ctx) {
    Duration timeout = service.settings().idleTimeout();
    if (timeout.isZero() || !ctx.channel().isActive()) {
      return;
    }
    // Judged and rescheduled on the clock's own thread, at absolute instants: a test that moves a
    // virtual clock sees the check fire within that very move, never racing the event loop.
    Instant due = Instant.ofEpochMilli(connection.lastRequestMillis()).plus(timeout);
    idleCheck = service.clock().scheduleAt(due, () -> {
      if (service.clock().millis() - connection.lastRequestMillis() >= timeout.toMillis()) {
        ctx.executor().execute(() -> goAway(ctx, Reason.IDLE_TIMEOUT));
      } else {
        scheduleIdleCheck(ctx);
      }
    });
  }
}
