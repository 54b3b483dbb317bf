package dev.pushsim.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2ChannelDuplexHandler;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A closed-loop HTTP/2 load generator in h2load's shape ({@code -c} connections, {@code -m}
 * streams each, a request list, a fixed duration or request count) that can also present a TLS
 * client certificate, which h2load cannot. The benchmark uses it to put certificate and token
 * authentication side by side on one generator, and the scale run to send a mix of push types.
 *
 * <p>Each line of the URI file is a URL, optionally followed by tab-separated {@code name: value}
 * headers for that request only; lines are used round-robin. It prints a summary like h2load's and
 * writes {@code key=value} results for scripts.
 */
@Command(name = "LoadGenerator", mixinStandardHelpOptions = true,
    description = "HTTP/2 load generator in h2load's shape, with TLS client certificates.")
public final class LoadGenerator implements Callable<Integer> {

  @Option(names = {"-i", "--uris"}, required = true, description = "URL per line, then optional TAB-separated 'name: value' headers")
  Path uris;

  @Option(names = {"-H", "--header"}, description = "a header on every request, 'name: value'")
  List<String> headers = new ArrayList<>();

  @Option(names = {"-d", "--data"}, required = true, description = "request body file")
  Path data;

  @Option(names = {"-c", "--clients"}, description = "connections (default ${DEFAULT-VALUE})")
  int clients = 4;

  @Option(names = {"-m", "--max-concurrent-streams"}, description = "streams in flight per connection (default ${DEFAULT-VALUE})")
  int streams = 100;

  @Option(names = {"-t", "--threads"}, description = "event loop threads (default ${DEFAULT-VALUE})")
  int threads = 1;

  @Option(names = {"-D", "--duration"}, description = "seconds to measure (0: until -n requests)")
  int durationSeconds;

  @Option(names = {"-n", "--requests"}, description = "requests to send (0: until -D seconds)")
  long requests;

  @Option(names = "--warm-up-time", description = "seconds of load before measuring, not counted")
  int warmUpSeconds;

  @Option(names = "--cacert", required = true, description = "PEM of the CA the server's certificate must chain to")
  File caCert;

  @Option(names = "--cert", description = "client certificate (PEM) to present")
  File clientCert;

  @Option(names = "--key", description = "its private key (PKCS#8 PEM)")
  File clientKey;

  @Option(names = "--max-time", description = "hard bound on the whole run in seconds (default: warm-up + duration + 60, or 900 with -n)")
  int maxSeconds;

  @Option(names = "--result", description = "also write the results as key=value lines to this file")
  Path resultFile;

  @Option(names = "--cpu-of", description = "also report the CPU time this process (the server) used in the measured window (Linux /proc)")
  long serverPid;

  public static void main(String[] args) {
    System.exit(new CommandLine(new LoadGenerator()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if ((durationSeconds > 0) == (requests > 0)) {
      throw new CommandLine.ParameterException(new CommandLine(this), "Give exactly one of -D (seconds) and -n (requests).");
    }
    if ((clientCert == null) != (clientKey == null)) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--cert and --key go together.");
    }
    Workload workload = Workload.load(uris, headers, Files.readAllBytes(data));
    Run run = new Run(requests);
    SslContext ssl = sslContext();
    EventLoopGroup group = new NioEventLoopGroup(threads);
    try {
      List<Channel> channels = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        channels.add(connect(group, ssl, workload, run));
      }
      for (Channel channel : channels) {
        channel.pipeline().get(LoadConnection.class).ready.await(30, TimeUnit.SECONDS);
      }
      long bound = TimeUnit.SECONDS.toNanos(maxSeconds > 0 ? maxSeconds : durationSeconds > 0 ? warmUpSeconds + durationSeconds + 60 : 900);
      long started = System.nanoTime();
      run.start(started, TimeUnit.SECONDS.toNanos(warmUpSeconds), TimeUnit.SECONDS.toNanos(durationSeconds));
      channels.forEach(channel -> channel.eventLoop().execute(() -> channel.pipeline().get(LoadConnection.class).begin()));
      // CPU is read at the edges of the measured window: awaiting the end of the run until each edge.
      boolean finished = run.finished.await(TimeUnit.SECONDS.toNanos(warmUpSeconds), TimeUnit.NANOSECONDS);
      CpuTime cpuFrom = CpuTime.now(serverPid);
      long windowEnd = durationSeconds > 0 ? started + TimeUnit.SECONDS.toNanos(warmUpSeconds + durationSeconds) : started + bound;
      if (!finished) {
        finished = run.finished.await(windowEnd - System.nanoTime(), TimeUnit.NANOSECONDS);
      }
      CpuTime cpuTo = CpuTime.now(serverPid);
      if (!finished) {
        finished = run.finished.await(started + bound - System.nanoTime(), TimeUnit.NANOSECONDS);
      }
      Result result = run.result(finished ? null : "stopped by --max-time after " + TimeUnit.NANOSECONDS.toSeconds(bound) + " s",
          channels.get(0).pipeline().get(SslHandler.class).engine().getSession(), cpuTo.minus(cpuFrom));
      channels.forEach(Channel::close);
      System.out.println(result.summary(clients, streams));
      if (resultFile != null) {
        Files.writeString(resultFile, result.properties(), StandardCharsets.UTF_8);
      }
      return finished && result.failed == 0 ? 0 : 1;
    } finally {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  private SslContext sslContext() throws IOException {
    SslContextBuilder builder = SslContextBuilder.forClient()
        .sslProvider(SslProvider.JDK)
        .protocols("TLSv1.3", "TLSv1.2")
        .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
        .trustManager(caCert)
        .applicationProtocolConfig(new ApplicationProtocolConfig(
            ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
            ApplicationProtocolNames.HTTP_2));
    if (clientCert != null) {
      builder.keyManager(clientCert, clientKey);
    }
    return builder.build();
  }

  private Channel connect(EventLoopGroup group, SslContext ssl, Workload workload, Run run) throws InterruptedException {
    return new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(
                ssl.newHandler(ch.alloc(), workload.host, workload.port),
                Http2FrameCodecBuilder.forClient().build(),
                new LoadConnection(workload, run, streams));
          }
        })
        .connect(workload.host, workload.port)
        .sync()
        .channel();
  }

  /** The requests to send: one target per line of the URI file, plus what every request carries. */
  static final class Workload {
    final String host;
    final int port;
    final AsciiString authority;
    final AsciiString[] paths;
    /** Per line: header names and values alternating, or an empty array. */
    final AsciiString[][] lineHeaders;
    final AsciiString[] commonHeaders;
    final ByteBuf body;

    private Workload(String host, int port, AsciiString[] paths, AsciiString[][] lineHeaders, AsciiString[] commonHeaders, byte[] body) {
      this.host = host;
      this.port = port;
      this.authority = new AsciiString(host + ":" + port);
      this.paths = paths;
      this.lineHeaders = lineHeaders;
      this.commonHeaders = commonHeaders;
      this.body = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(body)).asReadOnly();
    }

    static Workload load(Path file, List<String> common, byte[] body) throws IOException {
      List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
      lines.removeIf(String::isBlank);
      if (lines.isEmpty()) {
        throw new IllegalArgumentException(file + " lists no URL");
      }
      Map<String, AsciiString> shared = new HashMap<>(); // header values repeat: keep each once
      AsciiString[] paths = new AsciiString[lines.size()];
      AsciiString[][] lineHeaders = new AsciiString[lines.size()][];
      URI first = null;
      for (int i = 0; i < lines.size(); i++) {
        String[] fields = lines.get(i).split("\t");
        URI uri = URI.create(fields[0]);
        if (first == null) {
          first = uri;
        } else if (!uri.getHost().equals(first.getHost()) || uri.getPort() != first.getPort()) {
          throw new IllegalArgumentException("Every URL must name the same host and port: " + uri + " vs " + first);
        }
        paths[i] = new AsciiString(uri.getRawPath());
        lineHeaders[i] = headerPairs(Arrays.asList(fields).subList(1, fields.length), shared);
      }
      return new Workload(first.getHost(), first.getPort(), paths, lineHeaders, headerPairs(common, shared), body);
    }

    private static AsciiString[] headerPairs(List<String> headers, Map<String, AsciiString> shared) {
      AsciiString[] pairs = new AsciiString[headers.size() * 2];
      for (int i = 0; i < headers.size(); i++) {
        String header = headers.get(i);
        int colon = header.indexOf(':');
        if (colon <= 0) {
          throw new IllegalArgumentException("A header is 'name: value', not '" + header + "'");
        }
        pairs[2 * i] = shared.computeIfAbsent(header.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT), AsciiString::new);
        pairs[2 * i + 1] = shared.computeIfAbsent(header.substring(colon + 1).strip(), AsciiString::new);
      }
      return pairs;
    }

    Http2Headers headersFor(long index) {
      int line = (int) (index % paths.length);
      Http2Headers headers = new DefaultHttp2Headers(false, commonHeaders.length / 2 + lineHeaders[line].length / 2 + 4)
          .method(AsciiString.cached("POST"))
          .scheme(AsciiString.cached("https"))
          .authority(authority)
          .path(paths[line]);
      for (AsciiString[] pairs : new AsciiString[][] {commonHeaders, lineHeaders[line]}) {
        for (int i = 0; i < pairs.length; i += 2) {
          headers.add(pairs[i], pairs[i + 1]);
        }
      }
      return headers;
    }
  }

  /**
   * What every connection shares: which request is next, when the measured window opens and
   * closes, and the tallies. Mutated only from event loop threads, so guarded by its own lock.
   */
  static final class Run {
    final long requestLimit;
    final CountDownLatch finished = new CountDownLatch(1);
    private long next;
    private long measureFromNanos;
    private long measureUntilNanos;
    private long lastCompletionNanos;
    private long issued;
    private long completed;
    private long failed;
    private long inFlight;
    private final Map<Integer, Long> statuses = new LinkedHashMap<>();
    private long[] latencies = new long[1 << 16];
    private int latencyCount;
    private boolean stopped;

    Run(long requestLimit) {
      this.requestLimit = requestLimit;
    }

    synchronized void start(long now, long warmUpNanos, long durationNanos) {
      measureFromNanos = now + warmUpNanos;
      measureUntilNanos = durationNanos > 0 ? measureFromNanos + durationNanos : Long.MAX_VALUE;
    }

    /** The index of the next request to send, or -1 when the run sends no more. */
    synchronized long take(long now) {
      if (sendsNoMore(now)) {
        stopIfDrained();
        return -1;
      }
      inFlight++;
      if (now >= measureFromNanos) {
        issued++;
      }
      return next++;
    }

    synchronized void completed(long startNanos, long now, int status) {
      inFlight--;
      if (inWindow(startNanos, now)) {
        completed++;
        statuses.merge(status, 1L, Long::sum);
        if (latencyCount == latencies.length) {
          latencies = Arrays.copyOf(latencies, latencies.length * 2);
        }
        latencies[latencyCount++] = now - startNanos;
        lastCompletionNanos = now;
      }
      stopIfDrained();
    }

    synchronized void failed(long startNanos, long now) {
      inFlight--;
      if (inWindow(startNanos, now)) {
        failed++;
      }
      stopIfDrained();
    }

    /** A connection died: what it had in flight failed, and the run ends. */
    synchronized void connectionLost(int streamsInFlight) {
      inFlight -= streamsInFlight;
      failed += streamsInFlight;
      stopped = true;
      stopIfDrained();
    }

    private void stopIfDrained() {
      if (sendsNoMore(System.nanoTime()) && inFlight <= 0) {
        finished.countDown();
      }
    }

    /** Stopped by a lost connection, past the measured window, or every request of -n taken. */
    private boolean sendsNoMore(long now) {
      return stopped || now >= measureUntilNanos || (requestLimit > 0 && next >= requestLimit);
    }

    /** Whether a request sent at {@code startNanos} and ended at {@code now} counts in the tallies. */
    private boolean inWindow(long startNanos, long now) {
      return startNanos >= measureFromNanos && now <= measureUntilNanos;
    }

    synchronized Result result(String interruption, SSLSession tls, CpuTime cpu) {
      long end = measureUntilNanos == Long.MAX_VALUE ? Math.max(lastCompletionNanos, measureFromNanos) : measureUntilNanos;
      long[] sorted = Arrays.copyOf(latencies, latencyCount);
      Arrays.sort(sorted);
      return new Result(issued, completed, failed, new LinkedHashMap<>(statuses), sorted,
          Math.max(1, end - measureFromNanos), interruption, tls.getProtocol() + " " + tls.getCipherSuite(), cpu);
    }
  }

  /** The tallies of the measured window. */
  record Result(long issued, long completed, long failed, Map<Integer, Long> statuses, long[] latencies,
                long windowNanos, String interruption, String tls, CpuTime cpu) {

    double requestsPerSecond() {
      return completed * 1e9 / windowNanos;
    }

    long count(int statusClass) {
      return statuses.entrySet().stream().filter(e -> e.getKey() / 100 == statusClass).mapToLong(Map.Entry::getValue).sum();
    }

    double percentileMillis(double percentile) {
      if (latencies.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.min(latencies.length - 1, Math.ceil(percentile / 100 * latencies.length) - 1);
      return latencies[Math.max(0, index)] / 1e6;
    }

    double meanMillis() {
      return Arrays.stream(latencies).average().orElse(Double.NaN) / 1e6;
    }

    String summary(int clients, int streams) {
      return String.format(java.util.Locale.ROOT,
          "finished in %.2fs, %.2f req/s (%d connections x %d streams, %s)%n"
              + "requests: %d issued, %d completed, %d failed; status codes: %d 2xx, %d 4xx, %d 5xx %s%n"
              + "latency ms: min %.3f, mean %.3f, p50 %.3f, p90 %.3f, p99 %.3f, p99.9 %.3f, max %.3f%n"
              + "CPU in the window (cores): generator %.2f, server %s%s",
          windowNanos / 1e9, requestsPerSecond(), clients, streams, tls,
          issued, completed, failed, count(2), count(4), count(5), statuses,
          percentileMillis(0), meanMillis(), percentileMillis(50), percentileMillis(90), percentileMillis(99),
          percentileMillis(99.9), percentileMillis(100),
          generatorCores(), serverCores("%.2f", "-"),
          interruption == null ? "" : "\nINTERRUPTED: " + interruption);
    }

    String properties() {
      return String.format(java.util.Locale.ROOT,
          "req_per_s=%.2f%nissued=%d%ncompleted=%d%nfailed=%d%nstatus_2xx=%d%nstatus_4xx=%d%nstatus_5xx=%d%n"
              + "mean_ms=%.3f%nmin_ms=%.3f%np50_ms=%.3f%np90_ms=%.3f%np99_ms=%.3f%np999_ms=%.3f%nmax_ms=%.3f%nseconds=%.3f%ntls=%s%ninterrupted=%s%n"
              + "generator_cpu_cores=%.3f%nserver_cpu_cores=%s%n",
          requestsPerSecond(), issued, completed, failed, count(2), count(4), count(5),
          meanMillis(), percentileMillis(0), percentileMillis(50), percentileMillis(90), percentileMillis(99),
          percentileMillis(99.9), percentileMillis(100), windowNanos / 1e9, tls, interruption == null ? "" : interruption,
          generatorCores(), serverCores("%.3f", ""));
    }

    private double generatorCores() {
      return cpu.ownNanos() / (double) windowNanos;
    }

    /** The watched server's CPU use in the window, in cores, as {@code format}; {@code unknown} if none was watched. */
    private String serverCores(String format, String unknown) {
      return cpu.otherNanos() < 0 ? unknown : String.format(java.util.Locale.ROOT, format, cpu.otherNanos() / (double) windowNanos);
    }
  }

  /** CPU time used so far by this JVM and by another process (-1 when none is watched or it cannot be read). */
  record CpuTime(long ownNanos, long otherNanos) {

    /** Linux reports a process's CPU time in /proc/PID/stat in clock ticks of 1/100 s (USER_HZ). */
    private static final long NANOS_PER_TICK = 10_000_000L;

    static CpuTime now(long pid) {
      long own = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
      long ticks = pid > 0 ? ticksOf(pid) : -1;
      return new CpuTime(own, ticks < 0 ? -1 : ticks * NANOS_PER_TICK);
    }

    CpuTime minus(CpuTime earlier) {
      return new CpuTime(ownNanos - earlier.ownNanos, otherNanos < 0 || earlier.otherNanos < 0 ? -1 : otherNanos - earlier.otherNanos);
    }

    private static long ticksOf(long pid) {
      try {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        // Fields after the command name, which is in parentheses and may hold spaces: state is field 3, utime 14, stime 15.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      } catch (IOException | RuntimeException e) {
        return -1; // not Linux, or the process is gone: reported as unknown
      }
    }
  }

  /**
   * One connection: keeps {@code streams} requests in flight, starts the next as each answer
   * ends, and flushes once per read batch.
   */
  static final class LoadConnection extends Http2ChannelDuplexHandler {
    final CountDownLatch ready = new CountDownLatch(1);
    private final Workload workload;
    private final Run run;
    private final int maxStreams;
    /** Send time per stream in flight, indexed by stream id; in-flight ids span at most 2 x maxStreams. */
    private final long[] startedAt;
    private final int[] statusOf;
    private int inFlight;
    private boolean started;
    private int allowedStreams;
    private ChannelHandlerContext ctx;

    LoadConnection(Workload workload, Run run, int maxStreams) {
      this.workload = workload;
      this.run = run;
      this.maxStreams = maxStreams;
      int slots = Integer.highestOneBit(maxStreams * 2) * 2;
      this.startedAt = new long[slots];
      this.statusOf = new int[slots];
      this.allowedStreams = maxStreams;
    }

    @Override
    protected void handlerAdded0(ChannelHandlerContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof Http2SettingsFrame settings) {
          Long max = settings.settings().maxConcurrentStreams();
          if (max != null) {
            allowedStreams = (int) Math.min(maxStreams, max);
          }
          ready.countDown();
        } else if (msg instanceof Http2HeadersFrame headers) {
          int slot = slot(headers.stream());
          if (headers.headers().status() != null) {
            statusOf[slot] = Integer.parseInt(headers.headers().status().toString());
          }
          if (headers.isEndStream()) {
            done(headers.stream(), true);
          }
        } else if (msg instanceof Http2DataFrame body) {
          if (body.initialFlowControlledBytes() > 0) {
            // The codec leaves inbound flow control to the application: give the window back.
            ctx.write(new DefaultHttp2WindowUpdateFrame(body.initialFlowControlledBytes()).stream(body.stream()));
          }
          if (body.isEndStream()) {
            done(body.stream(), true);
          }
        } else if (msg instanceof Http2ResetFrame reset) {
          done(reset.stream(), false);
        } else if (msg instanceof Http2GoAwayFrame) {
          ctx.close();
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    private void done(Http2FrameStream stream, boolean answered) {
      int slot = slot(stream);
      inFlight--;
      long now = System.nanoTime();
      if (answered) {
        run.completed(startedAt[slot], now, statusOf[slot]);
      } else {
        run.failed(startedAt[slot], now);
      }
    }

    /** The run has started: from now on each read refills the connection. */
    void begin() {
      started = true;
      fill();
    }

    /** Starts requests until {@code streams} are in flight or the run says stop. */
    void fill() {
      boolean wrote = false;
      while (inFlight < allowedStreams && ctx.channel().isActive()) {
        long now = System.nanoTime();
        long index = run.take(now);
        if (index < 0) {
          break;
        }
        Http2FrameStream stream = newStream();
        ctx.write(new DefaultHttp2HeadersFrame(workload.headersFor(index), false).stream(stream));
        ctx.write(new DefaultHttp2DataFrame(workload.body.duplicate(), true).stream(stream));
        startedAt[slot(stream)] = now;
        statusOf[slot(stream)] = 0;
        inFlight++;
        wrote = true;
      }
      if (wrote) {
        ctx.flush();
      }
    }

    private int slot(Http2FrameStream stream) {
      return (stream.id() >>> 1) & (startedAt.length - 1);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      // Refill here, not as each answer is read: the codec closes an answered stream only after its frame was
      // handled, so a stream opened then would count against SETTINGS_MAX_CONCURRENT_STREAMS and be refused.
      if (started) {
        fill();
      }
      ctx.flush();
      ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      ready.countDown();
      run.connectionLost(inFlight);
      inFlight = 0;
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      System.err.println("connection " + ctx.channel() + " failed: " + cause);
      ctx.close();
    }
  }
}
