package org.lectern.media;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Small, valid audio files generated in memory, for tests: WAV, MP3, Ogg Vorbis, Ogg Opus, FLAC and
 * M4A, plus non-audio files (PNG, text, an Ogg Theora stream, an MP4 video) for negative tests. The
 * files carry only what a probe reads: real headers, with silent or empty payloads.
 */
public final class AudioSamples {

  /** Bytes of one MPEG1 Layer III frame at 128 kbit/s and 44.1 kHz without padding. */
  public static final int MP3_FRAME_BYTES = 417;

  /** Samples of one MPEG1 Layer III frame. */
  public static final int MP3_FRAME_SAMPLES = 1152;

  /** MPEG1, Layer III, no CRC; 128 kbit/s, 44.1 kHz, no padding; joint stereo, original. */
  private static final byte[] MP3_HEADER = {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, (byte) 0x64};

  private static final int OGG_SERIAL = 0x4C45_4354;
  private static final int[] OGG_CRC_TABLE = oggCrcTable();

  private AudioSamples() {}

  // WAV

  /** A 16-bit mono PCM WAV file of a 440 Hz sine tone. */
  public static byte[] wav(int seconds, int sampleRate) {
    return concat(
        riffWaveHeader(seconds, sampleRate, 0),
        fmtChunk(sampleRate),
        dataChunk(seconds, sampleRate));
  }

  /**
   * Like {@link #wav(int, int)}, with a LIST chunk of {@code listSize} bytes between the fmt and
   * data chunks (an odd size is followed by its pad byte, as RIFF requires).
   */
  public static byte[] wavWithListChunk(int seconds, int sampleRate, int listSize) {
    byte[] list = new byte[8 + listSize + (listSize & 1)];
    ByteBuffer.wrap(list).order(ByteOrder.LITTLE_ENDIAN).put(ascii("LIST")).putInt(listSize);
    return concat(
        riffWaveHeader(seconds, sampleRate, list.length),
        fmtChunk(sampleRate),
        list,
        dataChunk(seconds, sampleRate));
  }

  private static byte[] riffWaveHeader(int seconds, int sampleRate, int extraChunks) {
    int riffSize = 4 + 24 + extraChunks + 8 + seconds * sampleRate * 2;
    return le(12).put(ascii("RIFF")).putInt(riffSize).put(ascii("WAVE")).array();
  }

  private static byte[] fmtChunk(int sampleRate) {
    return le(24)
        .put(ascii("fmt "))
        .putInt(16)
        .putShort((short) 1) // PCM
        .putShort((short) 1) // mono
        .putInt(sampleRate)
        .putInt(sampleRate * 2) // byte rate
        .putShort((short) 2) // block align
        .putShort((short) 16) // bits per sample
        .array();
  }

  private static byte[] dataChunk(int seconds, int sampleRate) {
    int samples = seconds * sampleRate;
    ByteBuffer data = le(8 + samples * 2).put(ascii("data")).putInt(samples * 2);
    for (int i = 0; i < samples; i++) {
      data.putShort((short) (Math.sin(2 * Math.PI * 440 * i / sampleRate) * 10_000));
    }
    return data.array();
  }

  // MP3

  /** {@code frames} MPEG1 Layer III frames, 128 kbit/s at 44.1 kHz, with valid headers. */
  public static byte[] mp3CbrFrames(int frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < frames; i++) {
      out.writeBytes(mp3Frame());
    }
    return out.toByteArray();
  }

  /** {@link #mp3CbrFrames(int)}, optionally preceded by an ID3v2.3 tag with a title. */
  public static byte[] mp3(int frames, boolean withId3) {
    return withId3 ? concat(id3v2Tag(), mp3CbrFrames(frames)) : mp3CbrFrames(frames);
  }

  /**
   * A Xing header frame declaring {@code declaredFrames} frames, followed by {@code audioFrames}
   * frames: the duration comes from the declaration, not from the frames present.
   */
  public static byte[] mp3WithXing(int declaredFrames, int audioFrames) {
    byte[] xing = mp3Frame();
    ByteBuffer.wrap(xing, 4 + 32, 12).put(ascii("Xing")).putInt(1).putInt(declaredFrames);
    return concat(xing, mp3CbrFrames(audioFrames));
  }

  /** A 128-byte ID3v1 tag, as found at the end of MP3 files. */
  public static byte[] id3v1Tag() {
    byte[] tag = new byte[128];
    System.arraycopy(ascii("TAGLecture one"), 0, tag, 0, 14);
    return tag;
  }

  private static byte[] mp3Frame() {
    byte[] frame = new byte[MP3_FRAME_BYTES];
    System.arraycopy(MP3_HEADER, 0, frame, 0, MP3_HEADER.length);
    return frame;
  }

  /** An ID3v2.3 tag with a TIT2 frame and 300 bytes of padding, so its size needs two bytes. */
  private static byte[] id3v2Tag() {
    byte[] title = concat(new byte[] {0}, ascii("Lecture one"));
    ByteBuffer frames = ByteBuffer.allocate(10 + title.length + 300);
    frames.put(ascii("TIT2")).putInt(title.length).putShort((short) 0).put(title);
    int size = frames.capacity();
    byte[] header = {
      'I',
      'D',
      '3',
      3,
      0,
      0,
      (byte) (size >> 21 & 0x7F),
      (byte) (size >> 14 & 0x7F),
      (byte) (size >> 7 & 0x7F),
      (byte) (size & 0x7F)
    };
    return concat(header, frames.array());
  }

  // Ogg

  /** An Ogg Vorbis file: an identification page and a last page at {@code granule}. */
  public static byte[] oggVorbis(long granule, int rate) {
    return oggVorbis(granule, rate, 0);
  }

  /**
   * Like {@link #oggVorbis(long, int)}, with {@code middlePages} pages of 4,000 bytes each between
   * the two, so the file can be made longer than the 64 KiB the probe reads at its end.
   */
  public static byte[] oggVorbis(long granule, int rate, int middlePages) {
    byte[] id =
        le(30)
            .put((byte) 1)
            .put(ascii("vorbis"))
            .putInt(0) // version
            .put((byte) 1) // channels
            .putInt(rate)
            .putInt(0) // maximum bitrate
            .putInt(128_000) // nominal bitrate
            .putInt(0) // minimum bitrate
            .put((byte) 0xB8) // block sizes 256 and 2048
            .put((byte) 1) // framing
            .array();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(oggPage(0x02, 0, 0, id));
    for (int i = 1; i <= middlePages; i++) {
      out.writeBytes(oggPage(0, granule * i / (middlePages + 1), i, new byte[4000]));
    }
    out.writeBytes(oggPage(0x04, granule, middlePages + 1, new byte[16]));
    return out.toByteArray();
  }

  /** An Ogg Opus file: an OpusHead page and a last page at {@code granule} (48 kHz samples). */
  public static byte[] opus(long granule, int preSkip) {
    byte[] head =
        le(19)
            .put(ascii("OpusHead"))
            .put((byte) 1) // version
            .put((byte) 2) // channels
            .putShort((short) preSkip)
            .putInt(48_000) // input sample rate, informational
            .putShort((short) 0) // output gain
            .put((byte) 0) // channel mapping family
            .array();
    return concat(oggPage(0x02, 0, 0, head), oggPage(0x04, granule, 1, new byte[16]));
  }

  /** An Ogg stream whose first packet is a Theora (video) identification header. */
  public static byte[] oggTheora() {
    byte[] id = concat(new byte[] {(byte) 0x80}, ascii("theora"), new byte[35]);
    return concat(oggPage(0x02, 0, 0, id), oggPage(0x04, 250, 1, new byte[16]));
  }

  /** One Ogg page holding one packet (under 64 KiB), with its CRC. */
  private static byte[] oggPage(int flags, long granule, int sequence, byte[] packet) {
    int segments = packet.length / 255 + 1;
    ByteBuffer page = le(27 + segments + packet.length);
    page.put(ascii("OggS")).put((byte) 0).put((byte) flags).putLong(granule);
    page.putInt(OGG_SERIAL).putInt(sequence).putInt(0).put((byte) segments);
    for (int i = 0; i < segments - 1; i++) {
      page.put((byte) 255);
    }
    page.put((byte) (packet.length % 255)).put(packet);
    page.putInt(22, oggCrc(page.array()));
    return page.array();
  }

  /** CRC-32 as Ogg defines it: polynomial 0x04C11DB7, not reflected, initial value 0. */
  private static int oggCrc(byte[] bytes) {
    int crc = 0;
    for (byte b : bytes) {
      crc = (crc << 8) ^ OGG_CRC_TABLE[((crc >>> 24) ^ b) & 0xFF];
    }
    return crc;
  }

  private static int[] oggCrcTable() {
    int[] table = new int[256];
    for (int i = 0; i < 256; i++) {
      int r = i << 24;
      for (int bit = 0; bit < 8; bit++) {
        r = (r & 0x8000_0000) != 0 ? (r << 1) ^ 0x04C1_1DB7 : r << 1;
      }
      table[i] = r;
    }
    return table;
  }

  // FLAC

  /** A FLAC file: the signature and a STREAMINFO block (stereo, 16-bit), without frames. */
  public static byte[] flac(int rate, long totalSamples) {
    long packed = (long) rate << 44 | 1L << 41 | 15L << 36 | totalSamples;
    return ByteBuffer.allocate(4 + 4 + 34)
        .put(ascii("fLaC"))
        .putInt(0x8000_0000 | 34) // last block, STREAMINFO, 34 bytes
        .putShort((short) 4096) // minimum block size
        .putShort((short) 4096) // maximum block size
        .put(new byte[6]) // minimum and maximum frame sizes: unknown
        .putLong(packed)
        .put(new byte[16]) // MD5 of the audio: not computed
        .array();
  }

  // MP4

  /**
   * An M4A file: ftyp (M4A), an mdat and then a moov whose mvhd holds the timescale and duration;
   * mvhd version 1 when the duration needs more than 32 bits.
   */
  public static byte[] m4a(int timescale, long duration) {
    byte[] ftyp = ftyp("M4A ", "M4A ", "mp42", "isom");
    byte[] mdat = box("mdat", new byte[64]);
    return concat(ftyp, mdat, box("moov", mvhd(timescale, duration)));
  }

  /** An MP4 video file's beginning: ftyp with brand isom, compatible with isom, avc1 and mp41. */
  public static byte[] mp4Video() {
    return concat(ftyp("isom", "isom", "iso2", "avc1", "mp41"), box("moov", mvhd(600, 6000)));
  }

  private static byte[] ftyp(String major, String... compatible) {
    ByteBuffer body = ByteBuffer.allocate(8 + 4 * compatible.length);
    body.put(ascii(major)).putInt(0);
    for (String brand : compatible) {
      body.put(ascii(brand));
    }
    return box("ftyp", body.array());
  }

  private static byte[] mvhd(int timescale, long duration) {
    boolean v1 = duration > 0xFFFF_FFFFL;
    ByteBuffer body = ByteBuffer.allocate(v1 ? 112 : 100);
    body.put((byte) (v1 ? 1 : 0)).put(new byte[3]); // version, flags
    if (v1) {
      body.putLong(0).putLong(0).putInt(timescale).putLong(duration);
    } else {
      body.putInt(0).putInt(0).putInt(timescale).putInt((int) duration);
    }
    body.putInt(0x0001_0000).putShort((short) 0x0100).put(new byte[10]); // rate, volume
    body.putInt(0x0001_0000).putInt(0).putInt(0); // unity matrix
    body.putInt(0).putInt(0x0001_0000).putInt(0);
    body.putInt(0).putInt(0).putInt(0x4000_0000);
    body.put(new byte[24]).putInt(2); // pre-defined, next track id
    return box("mvhd", body.array());
  }

  private static byte[] box(String type, byte[] body) {
    return ByteBuffer.allocate(8 + body.length)
        .putInt(8 + body.length)
        .put(ascii(type))
        .put(body)
        .array();
  }

  // Not audio

  /** The PNG signature and an IHDR chunk (1x1, RGB) with its CRC. */
  public static byte[] png() {
    byte[] ihdr =
        ByteBuffer.allocate(4 + 13)
            .put(ascii("IHDR"))
            .putInt(1) // width
            .putInt(1) // height
            .put(new byte[] {8, 2, 0, 0, 0}) // depth, colour type, compression, filter, interlace
            .array();
    CRC32 crc = new CRC32();
    crc.update(ihdr);
    byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    return concat(
        signature,
        ByteBuffer.allocate(4).putInt(13).array(),
        ihdr,
        ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  /** Plain UTF-8 text. */
  public static byte[] text() {
    return "Lecture notes: audio probes read bytes, not names.\n"
        .repeat(20)
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The arrays one after the other. */
  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
