package org.lectern.ai;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Joins WAV files of one format into one, written straight to a file: the sound of a text spoken in
 * pieces (speech endpoints take a few thousand characters a request). The header is written last,
 * when the total is known; a streamed piece whose data size is unknown (0 or 0xFFFFFFFF) is taken
 * to the end of its bytes.
 */
final class WavJoin implements Closeable {

  private static final int MAX_CHUNKS = 64;

  private final FileChannel channel;
  private final long maxBytes;
  private byte[] format;
  private long dataBytes;

  WavJoin(Path file, long maxBytes) throws IOException {
    this.channel =
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    this.maxBytes = maxBytes;
  }

  /** Appends the sound of one WAV file; its format must be the first one's. */
  void append(byte[] wav) throws IOException, ProviderException {
    if (!ascii(wav, 0, "RIFF") || !ascii(wav, 8, "WAVE")) {
      throw new ProviderException("a piece of the speech is not WAV", false);
    }
    byte[] fmt = null;
    int pos = 12;
    for (int i = 0; i < MAX_CHUNKS && pos + 8 <= wav.length; i++) {
      long size = u32(wav, pos + 4);
      int body = pos + 8;
      if (ascii(wav, pos, "fmt ") && size >= 16 && body + size <= wav.length) {
        fmt = Arrays.copyOfRange(wav, body, body + (int) size);
      } else if (ascii(wav, pos, "data")) {
        long length = size == 0 || size == 0xFFFF_FFFFL ? wav.length - body : size;
        write(fmt, wav, body, (int) Math.min(length, wav.length - body));
        return;
      }
      pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
    }
    throw new ProviderException("a piece of the speech has no WAV data", false);
  }

  private void write(byte[] fmt, byte[] wav, int offset, int length)
      throws IOException, ProviderException {
    if (fmt == null) {
      throw new ProviderException("a piece of the speech has no WAV format", false);
    }
    if (format == null) {
      format = fmt;
      channel.position(headerSize());
    } else if (!Arrays.equals(format, fmt)) {
      throw new ProviderException("the pieces of the speech differ in format", false);
    }
    if (headerSize() + dataBytes + length > maxBytes) {
      throw new ProviderException("the speech is larger than " + maxBytes + " bytes", false);
    }
    ByteBuffer data = ByteBuffer.wrap(wav, offset, length);
    while (data.hasRemaining()) {
      channel.write(data);
    }
    dataBytes += length;
  }

  /** Writes the header for what was appended; call once, after the last piece. */
  void finish() throws IOException, ProviderException {
    if (format == null) {
      throw new ProviderException("there is no speech to join", false);
    }
    if ((dataBytes & 1) == 1) {
      channel.write(ByteBuffer.wrap(new byte[1]), headerSize() + dataBytes);
    }
    ByteBuffer header = ByteBuffer.allocate(headerSize()).order(ByteOrder.LITTLE_ENDIAN);
    header
        .put(bytes("RIFF"))
        .putInt((int) (headerSize() - 8 + dataBytes + (dataBytes & 1)))
        .put(bytes("WAVE"))
        .put(bytes("fmt "))
        .putInt(format.length)
        .put(format)
        .put(bytes("data"))
        .putInt((int) dataBytes)
        .flip();
    channel.write(header, 0);
  }

  private int headerSize() {
    return 12 + 8 + format.length + 8;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private static boolean ascii(byte[] b, int offset, String text) {
    return b.length >= offset + 4 && Arrays.equals(b, offset, offset + 4, bytes(text), 0, 4);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static long u32(byte[] b, int i) {
    return (b[i] & 0xFFL)
        | (b[i + 1] & 0xFFL) << 8
        | (b[i + 2] & 0xFFL) << 16
        | (b[i + 3] & 0xFFL) << 24;
  }
}
