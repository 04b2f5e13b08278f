package dev.lakehouse.ingest.generate;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands written chunks to a thread of its own that writes them to the target (there, a gzip
 * stream), so compressing overlaps with generating. Bytes reach the target in the order and chunks
 * written, so the output is the same as writing directly. Closing waits for the thread, which
 * closes the target; a failure of the target is thrown by the next write or by close.
 */
final class BackgroundOutputStream extends OutputStream {
  private static final byte[] END = new byte[0];
  private static final int QUEUED_CHUNKS = 3;

  /** A chunk and the length of its content. */
  private record Chunk(byte[] bytes, int length) {}

  private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
  private final BlockingQueue<byte[]> spare = new ArrayBlockingQueue<>(QUEUED_CHUNKS + 2);
  private final Thread worker;
  private volatile Throwable failure;
  private boolean closed;

  BackgroundOutputStream(OutputStream target, String threadName) {
    worker = new Thread(() -> drain(target), threadName);
    worker.setDaemon(true);
    worker.start();
  }

  /** Whether writing through a background thread can help: more than one processor. */
  static boolean worthwhile() {
    return Runtime.getRuntime().availableProcessors() > 1;
  }

  private void drain(OutputStream target) {
    try (target) {
      while (true) {
        Chunk chunk = queue.take();
        if (chunk.bytes() == END) {
          return;
        }
        target.write(chunk.bytes(), 0, chunk.length());
        spare.offer(chunk.bytes());
      }
    } catch (Throwable e) {
      failure = e;
      discardUntilEnd();
    }
  }

  private void discardUntilEnd() {
    try {
      while (queue.take().bytes() != END) {
        // the writer learns of the failure at its next write
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
    throwIfFailed();
    if (len == 0) {
      return;
    }
    byte[] copy = spare.poll();
    if (copy == null || copy.length < len) {
      copy = new byte[Math.max(len, 64 * 1024)];
    }
    System.arraycopy(b, off, copy, 0, len);
    put(new Chunk(copy, len));
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    put(new Chunk(END, 0));
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while finishing a generated file");
    }
    throwIfFailed();
  }

  private void put(Chunk chunk) throws IOException {
    try {
      queue.put(chunk);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      worker.interrupt();
      throw new InterruptedIOException("interrupted while writing a generated file");
    }
  }

  private void throwIfFailed() throws IOException {
    Throwable e = failure;
    if (e instanceof IOException io) {
      throw new IOException(io.getMessage(), io);
    } else if (e instanceof RuntimeException || e instanceof Error) {
      throw new IOException("writing a generated file failed: " + e, e);
    } else if (e != null) {
      throw new IOException(e);
    }
  }
}
