package dev.lakehouse.bench.compare;

import java.io.IOException;
import org.apache.iceberg.io.FileIO;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet output file on the S3 server, streamed through a FileIO's output stream (multipart
 * upload).
 */
final class S3ParquetOutputFile implements OutputFile {
  private final FileIO io;
  private final String location;
  private long length = -1;

  S3ParquetOutputFile(FileIO io, String location) {
    this.io = io;
    this.location = location;
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) {
    return createOrOverwrite(blockSizeHint);
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) {
    org.apache.iceberg.io.PositionOutputStream out = io.newOutputFile(location).createOrOverwrite();
    return new PositionOutputStream() {
      @Override
      public long getPos() throws IOException {
        return out.getPos();
      }

      @Override
      public void write(int b) throws IOException {
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }

      @Override
      public void close() throws IOException {
        length = out.getPos();
        out.close();
      }
    };
  }

  /** The bytes written, once the file is closed; -1 before. */
  long length() {
    return length;
  }

  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }

  @Override
  public String getPath() {
    return location;
  }
}
