package org.lectern.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * Identifies an audio file by its bytes, never its name, and reads its duration: WAV, MP3, Ogg
 * Vorbis, Ogg Opus, FLAC and M4A. Pure Java; reads the headers only, except for an MP3 without a
 * Xing, Info or VBRI header, whose frame headers are scanned to add up its duration.
 *
 * <p>Garbage and truncated files are "not audio", never an exception: the only exception is the
 * {@link IOException} of reading the file.
 */
public final class AudioProbe {

  /**
   * What the bytes of an audio file say about it. durationSec is rounded to the nearest whole
   * second (at least 1 for a file with any audio), null when the format's duration cannot be
   * determined.
   */
  public record Result(String contentType, String extension, Integer durationSec) {}

  /** Longest MPEG Layer III frame: 144 * 320 kbit/s / 32 kHz + padding (and 72 * 160 / 8 + 1). */
  private static final int MAX_MP3_FRAME = 1441;

  private static final int MP3_SCAN_BUFFER = 64 * 1024;
  private static final int OGG_TAIL = 64 * 1024;
  private static final int MAX_ID3_TAGS = 8;
  private static final int MAX_CHUNKS = 1024;
  private static final int MAX_FTYP = 4096;
  private static final int OPUS_RATE = 48_000;

  private AudioProbe() {}

  /**
   * Identifies the audio format by the file's bytes, never its name; empty when the bytes are not a
   * supported audio format (text, images, truncated/garbage headers). Reads only what it needs
   * (headers, and for MP3 without Xing/VBRI/Info header a frame scan).
   */
  public static Optional<Result> probe(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return probe(new Input(channel));
    }
  }

  private static Optional<Result> probe(Input in) throws IOException {
    byte[] head = in.read(0, 12);
    if (matches(head, 0, "RIFF") && matches(head, 8, "WAVE")) {
      return wav(in);
    }
    if (matches(head, 0, "OggS")) {
      return ogg(in);
    }
    if (matches(head, 4, "ftyp")) {
      return m4a(in);
    }
    long start = skipId3v2(in);
    if (start < 0) {
      return Optional.empty();
    }
    if (matches(in.read(start, 4), 0, "fLaC")) {
      return flac(in, start);
    }
    return mp3(in, start);
  }

  // WAV

  private static Optional<Result> wav(Input in) throws IOException {
    long byteRate = -1;
    long dataSize = -1;
    long pos = 12;
    for (int i = 0; i < MAX_CHUNKS && (byteRate < 0 || dataSize < 0); i++) {
      byte[] header = in.read(pos, 8);
      if (header.length < 8) {
        return Optional.empty();
      }
      long size = u32le(header, 4);
      long body = pos + 8;
      if (matches(header, 0, "fmt ")) {
        byte[] fmt = in.read(body, 16);
        if (size < 16 || fmt.length < 16) {
          return Optional.empty();
        }
        byteRate = u32le(fmt, 8);
      } else if (matches(header, 0, "data")) {
        dataSize = Math.min(size, in.size() - body);
      }
      pos = body + size + (size & 1);
    }
    if (byteRate < 0 || dataSize < 0) {
      return Optional.empty();
    }
    Integer duration = byteRate == 0 ? null : seconds((double) dataSize / byteRate);
    return Optional.of(new Result("audio/wav", "wav", duration));
  }

  // MP3

  /**
   * Skips the ID3v2 tags at the start of the file.
   *
   * @return where the audio starts, or -1 when a tag's header is malformed
   */
  private static long skipId3v2(Input in) throws IOException {
    long pos = 0;
    for (int i = 0; i < MAX_ID3_TAGS; i++) {
      byte[] tag = in.read(pos, 10);
      if (!matches(tag, 0, "ID3")) {
        return pos;
      }
      if (tag.length < 10 || (tag[6] | tag[7] | tag[8] | tag[9]) < 0) {
        return -1;
      }
      long size = (tag[6] << 21) | (tag[7] << 14) | (tag[8] << 7) | tag[9];
      boolean footer = (tag[5] & 0x10) != 0;
      pos += 10 + size + (footer ? 10 : 0);
    }
    return pos;
  }

  private static Optional<Result> mp3(Input in, long start) throws IOException {
    byte[] first = in.read(start, MAX_MP3_FRAME + 4);
    Mp3Frame frame = Mp3Frame.parse(first, 0);
    if (frame == null || !frame.sameStream(Mp3Frame.parse(first, frame.length()))) {
      return Optional.empty();
    }
    long declared = vbrFrameCount(first, frame);
    Integer duration =
        declared > 0
            ? seconds((double) declared * frame.samples() / frame.sampleRate())
            : scanMp3Duration(in, start, frame);
    return Optional.of(new Result("audio/mpeg", "mp3", duration));
  }

  /** The frame count of a Xing/Info or VBRI header in the first frame, or -1. */
  private static long vbrFrameCount(byte[] first, Mp3Frame frame) {
    int xing = 4 + frame.sideInfoSize();
    if (matches(first, xing, "Xing") || matches(first, xing, "Info")) {
      boolean hasFrames = first.length >= xing + 12 && (first[xing + 7] & 1) != 0;
      return hasFrames ? u32be(first, xing + 8) : -1;
    }
    int vbri = 4 + 32;
    if (matches(first, vbri, "VBRI") && first.length >= vbri + 18) {
      return u32be(first, vbri + 14);
    }
    return -1;
  }

  /** Adds up the frames from start until the end, an ID3v1 tag or anything but a frame. */
  private static Integer scanMp3Duration(Input in, long start, Mp3Frame first) throws IOException {
    long samples = 0;
    long pos = start;
    byte[] buffer = new byte[0];
    long bufferStart = start;
    while (pos + 4 <= in.size()) {
      if (pos + 4 > bufferStart + buffer.length) {
        buffer = in.read(pos, MP3_SCAN_BUFFER);
        bufferStart = pos;
      }
      int offset = (int) (pos - bufferStart);
      Mp3Frame frame = Mp3Frame.parse(buffer, offset);
      if (matches(buffer, offset, "TAG") || !first.sameStream(frame)) {
        break;
      }
      samples += frame.samples();
      pos += frame.length();
    }
    return seconds((double) samples / first.sampleRate());
  }

  /** The fields of an MPEG 1, 2 or 2.5 Layer III frame header that the probe needs. */
  private record Mp3Frame(int version, int sampleRate, int length, int samples, boolean mono) {

    private static final int MPEG1 = 3;
    private static final int MPEG2 = 2;
    private static final int[] BITRATES_V1 = {
      0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320
    };
    private static final int[] BITRATES_V2 = {
      0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160
    };
    private static final int[] SAMPLE_RATES_V1 = {44_100, 48_000, 32_000};

    /** The header at {@code offset}, or null when those bytes are not a valid Layer III header. */
    static Mp3Frame parse(byte[] b, int offset) {
      if (offset < 0 || offset + 4 > b.length) {
        return null;
      }
      int b1 = b[offset + 1] & 0xFF;
      int b2 = b[offset + 2] & 0xFF;
      int b3 = b[offset + 3] & 0xFF;
      int version = (b1 >> 3) & 3;
      int layer = (b1 >> 1) & 3;
      int bitrateIndex = b2 >> 4;
      int rateIndex = (b2 >> 2) & 3;
      boolean valid =
          (b[offset] & 0xFF) == 0xFF
              && (b1 & 0xE0) == 0xE0
              && version != 1
              && layer == 1
              && bitrateIndex != 0
              && bitrateIndex != 15
              && rateIndex != 3
              && (b3 & 3) != 2;
      return valid ? of(version, bitrateIndex, rateIndex, (b2 >> 1) & 1, (b3 >> 6) == 3) : null;
    }

    private static Mp3Frame of(
        int version, int bitrateIndex, int rateIndex, int padding, boolean mono) {
      boolean v1 = version == MPEG1;
      int divisor = v1 ? 1 : version == MPEG2 ? 2 : 4;
      int sampleRate = SAMPLE_RATES_V1[rateIndex] / divisor;
      int bitrate = (v1 ? BITRATES_V1 : BITRATES_V2)[bitrateIndex] * 1000;
      int length = (v1 ? 144 : 72) * bitrate / sampleRate + padding;
      return new Mp3Frame(version, sampleRate, length, v1 ? 1152 : 576, mono);
    }

    /** Whether {@code other} is a frame of the same stream (same MPEG version and sample rate). */
    boolean sameStream(Mp3Frame other) {
      return other != null && other.version == version && other.sampleRate == sampleRate;
    }

    /** Bytes of side information between the header and where a Xing/Info header would be. */
    int sideInfoSize() {
      if (version == MPEG1) {
        return mono ? 17 : 32;
      }
      return mono ? 9 : 17;
    }
  }

  // Ogg

  private static Optional<Result> ogg(Input in) throws IOException {
    byte[] page = in.read(0, 27 + 255 + 32);
    if (page.length < 27 || page[4] != 0) {
      return Optional.empty();
    }
    long serial = u32le(page, 14);
    int packet = 27 + (page[26] & 0xFF);
    if (matches(page, packet, "\u0001vorbis") && page.length >= packet + 16) {
      long rate = u32le(page, packet + 12);
      Integer duration = rate == 0 ? null : oggDuration(in, serial, 0, rate);
      return Optional.of(new Result("audio/ogg", "ogg", duration));
    }
    if (matches(page, packet, "OpusHead") && page.length >= packet + 12) {
      int preSkip = u16le(page, packet + 10);
      Integer duration = oggDuration(in, serial, preSkip, OPUS_RATE);
      return Optional.of(new Result("audio/ogg", "opus", duration));
    }
    return Optional.empty();
  }

  /** The granule position of the stream's last page in the file's final 64 KiB, as seconds. */
  private static Integer oggDuration(Input in, long serial, long preSkip, long rate)
      throws IOException {
    long tailStart = Math.max(0, in.size() - OGG_TAIL);
    byte[] tail = in.read(tailStart, OGG_TAIL);
    for (int i = tail.length - 27; i >= 0; i--) {
      if (matches(tail, i, "OggS") && tail[i + 4] == 0 && u32le(tail, i + 14) == serial) {
        long granule = u64le(tail, i + 6);
        if (granule != -1) {
          return granule < 0 ? null : seconds((double) (granule - preSkip) / rate);
        }
      }
    }
    return null;
  }

  // FLAC

  private static Optional<Result> flac(Input in, long start) throws IOException {
    byte[] b = in.read(start, 4 + 4 + 34);
    boolean streamInfo = b.length == 42 && (b[4] & 0x7F) == 0 && u24be(b, 5) >= 34;
    if (!streamInfo) {
      return Optional.empty();
    }
    int info = 8;
    long rate = u24be(b, info + 10) >> 4;
    long totalSamples = ((long) (b[info + 13] & 0x0F) << 32) | u32be(b, info + 14);
    if (rate == 0) {
      return Optional.empty();
    }
    Integer duration = totalSamples == 0 ? null : seconds((double) totalSamples / rate);
    return Optional.of(new Result("audio/flac", "flac", duration));
  }

  // M4A

  private static Optional<Result> m4a(Input in) throws IOException {
    long size = u32be(in.read(0, 4), 0);
    if (size < 16 || size > MAX_FTYP) {
      return Optional.empty();
    }
    byte[] ftyp = in.read(0, (int) size);
    if (ftyp.length < size || !hasAudioBrand(ftyp)) {
      return Optional.empty();
    }
    return Optional.of(new Result("audio/mp4", "m4a", mvhdDuration(in, size)));
  }

  /** Whether the ftyp box's major brand or one of its compatible brands is M4A or M4B. */
  private static boolean hasAudioBrand(byte[] ftyp) {
    if (isAudioBrand(ftyp, 8)) {
      return true;
    }
    for (int i = 16; i + 4 <= ftyp.length; i += 4) {
      if (isAudioBrand(ftyp, i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAudioBrand(byte[] ftyp, int offset) {
    return matches(ftyp, offset, "M4A ") || matches(ftyp, offset, "M4B ");
  }

  /** The duration in moov/mvhd, or null when there is none or it is unknown. */
  private static Integer mvhdDuration(Input in, long start) throws IOException {
    Box moov = Box.find(in, start, in.size(), "moov");
    Box mvhd = moov == null ? null : Box.find(in, moov.body(), moov.end(), "mvhd");
    if (mvhd == null) {
      return null;
    }
    byte[] b = in.read(mvhd.body(), 32);
    boolean v1 = b.length > 0 && b[0] == 1;
    if (b.length < (v1 ? 32 : 20)) {
      return null;
    }
    long timescale = v1 ? u32be(b, 20) : u32be(b, 12);
    long duration = v1 ? u64be(b, 24) : u32be(b, 16);
    boolean unknown = v1 ? duration <= 0 : duration == 0 || duration == 0xFFFF_FFFFL;
    return timescale == 0 || unknown ? null : seconds((double) duration / timescale);
  }

  /** An ISO base media box: where its body starts and where it ends. */
  private record Box(long body, long end) {

    /** The first box of the given type among the boxes from {@code start} to {@code end}. */
    static Box find(Input in, long start, long end, String type) throws IOException {
      long pos = start;
      for (int i = 0; i < MAX_CHUNKS && pos + 8 <= end; i++) {
        byte[] h = in.read(pos, 16);
        if (h.length < 8) {
          return null;
        }
        long size = u32be(h, 0);
        int header = 8;
        if (size == 1) {
          size = h.length < 16 ? 0 : u64be(h, 8);
          header = 16;
        } else if (size == 0) {
          size = end - pos;
        }
        if (size < header) {
          return null;
        }
        if (matches(h, 4, type)) {
          return new Box(pos + header, Math.min(end, pos + size));
        }
        pos += size;
      }
      return null;
    }
  }

  // Reading

  /** Random access to the file being probed. */
  private static final class Input {
    private final FileChannel channel;
    private final long size;

    Input(FileChannel channel) throws IOException {
      this.channel = channel;
      this.size = channel.size();
    }

    long size() {
      return size;
    }

    /** Up to {@code length} bytes from {@code position}; fewer at the end of the file. */
    byte[] read(long position, int length) throws IOException {
      if (position < 0 || position >= size || length <= 0) {
        return new byte[0];
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(length, size - position));
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, position + buffer.position()) < 0) {
          break;
        }
      }
      return Arrays.copyOf(buffer.array(), buffer.position());
    }
  }

  /** Seconds rounded to the nearest whole second, at least 1 when there is any audio. */
  private static int seconds(double value) {
    if (!(value > 0)) {
      return 0;
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(value)));
  }

  /** Whether the ASCII (or Latin-1) text is at {@code offset}; false past the end. */
  private static boolean matches(byte[] b, int offset, String text) {
    if (offset < 0 || offset + text.length() > b.length) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if ((b[offset + i] & 0xFF) != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int u16le(byte[] b, int i) {
    return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
  }

  private static long u32le(byte[] b, int i) {
    return (u16le(b, i) | (long) u16le(b, i + 2) << 16);
  }

  private static long u64le(byte[] b, int i) {
    return u32le(b, i) | u32le(b, i + 4) << 32;
  }

  private static long u24be(byte[] b, int i) {
    return (b[i] & 0xFF) << 16 | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF);
  }

  private static long u32be(byte[] b, int i) {
    return (b[i] & 0xFFL) << 24 | u24be(b, i + 1);
  }

  private static long u64be(byte[] b, int i) {
    return u32be(b, i) << 32 | u32be(b, i + 4);
  }
}
