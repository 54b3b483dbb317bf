package dev.pushsim.soak;

import io.netty.buffer.AbstractByteBuf;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the ByteBuf leaks Netty's leak detector reports while it is installed. The detector only
 * logs them; a soak must be able to assert on them, so this listens on the detector every ByteBuf
 * is tracked by.
 */
final class NettyLeakCounter implements AutoCloseable {

  private final ResourceLeakDetector<?> detector;
  private final AtomicLong leaks = new AtomicLong();

  private NettyLeakCounter(ResourceLeakDetector<?> detector) {
    this.detector = detector;
    detector.setLeakListener((resourceType, records) -> leaks.incrementAndGet());
  }

  static NettyLeakCounter install() {
    try {
      // Netty keeps the ByteBuf detector in a package-private static field and offers no getter.
      Field field = AbstractByteBuf.class.getDeclaredField("leakDetector");
      field.setAccessible(true);
      return new NettyLeakCounter((ResourceLeakDetector<?>) field.get(null));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot reach Netty's ByteBuf leak detector: " + e, e);
    }
  }

  /**
   * Leaks reported so far. Netty reports a leak when the leaked buffer has been collected and a new
   * buffer is tracked: this collects garbage and allocates a few buffers first.
   */
  long leaks() {
    for (int round = 0; round < 3; round++) {
      System.gc();
      for (int i = 0; i < 64; i++) {
        ByteBuf probe = ByteBufAllocator.DEFAULT.directBuffer(16);
        probe.release();
      }
    }
    return leaks.get();
  }

  @Override
  public void close() {
    detector.setLeakListener(null);
  }
}
