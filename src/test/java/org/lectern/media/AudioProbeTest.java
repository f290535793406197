package org.lectern.media;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lectern.media.AudioProbe.Result;

class AudioProbeTest {

  @TempDir Path dir;

  @Test
  void wavDurationIsDataSizeOverByteRate() throws IOException {
    assertAudio("audio/wav", "wav", 3, probe("tone.wav", AudioSamples.wav(3, 8000)));
  }

  @Test
  void wavChunksAreWalkedPastOddSizedChunksAndTheirPadding() throws IOException {
    byte[] wav = AudioSamples.wavWithListChunk(2, 8000, 7);
    assertAudio("audio/wav", "wav", 2, probe("tone.wav", wav));
  }

  @Test
  void wavWithTruncatedHeaderIsNotAudio() throws IOException {
    byte[] wav = AudioSamples.wav(1, 8000);
    assertNotAudio(probe("cut.wav", Arrays.copyOf(wav, 20)));
    assertNotAudio(probe("cut.wav", Arrays.copyOf(wav, 40)));
  }

  @Test
  void mp3CbrDurationIsTheSumOfItsFrames() throws IOException {
    // 115 * 1152 / 44100 = 3.004 s
    assertAudio("audio/mpeg", "mp3", 3, probe("a.mp3", AudioSamples.mp3(115, false)));
  }

  @Test
  void mp3Id3v2TagIsSkipped() throws IOException {
    assertAudio("audio/mpeg", "mp3", 3, probe("a.mp3", AudioSamples.mp3(115, true)));
  }

  @Test
  void mp3FrameScanStopsAtTrailingId3v1Tag() throws IOException {
    byte[] mp3 = AudioSamples.concat(AudioSamples.mp3(115, true), AudioSamples.id3v1Tag());
    assertAudio("audio/mpeg", "mp3", 3, probe("a.mp3", mp3));
  }

  @Test
  void mp3XingFrameCountGivesTheDurationWithoutAScan() throws IOException {
    // 1000 * 1152 / 44100 = 26.1 s, though only a few frames are present
    assertAudio("audio/mpeg", "mp3", 26, probe("vbr.mp3", AudioSamples.mp3WithXing(1000, 3)));
  }

  @Test
  void veryShortAudioLastsAtLeastOneSecond() throws IOException {
    assertAudio("audio/mpeg", "mp3", 1, probe("blip.mp3", AudioSamples.mp3(5, false)));
  }

  @Test
  void mp3SyncWordFollowedByGarbageIsNotAudio() throws IOException {
    byte[] garbage = "not an mpeg frame at all, ".repeat(100).getBytes(StandardCharsets.US_ASCII);
    byte[] fake = AudioSamples.concat(Arrays.copyOf(AudioSamples.mp3CbrFrames(1), 4), garbage);
    assertNotAudio(probe("fake.mp3", fake));
  }

  @Test
  void id3TagFollowedByTextIsNotAudio() throws IOException {
    byte[] tagOnly = AudioSamples.mp3(0, true);
    assertNotAudio(probe("tag.mp3", AudioSamples.concat(tagOnly, AudioSamples.text())));
  }

  @Test
  void oggVorbisDurationIsTheLastGranuleOverTheRate() throws IOException {
    assertAudio("audio/ogg", "ogg", 10, probe("a.ogg", AudioSamples.oggVorbis(441_000, 44_100)));
  }

  @Test
  void oggLastPageIsFoundInTheTailOfALongFile() throws IOException {
    byte[] ogg = AudioSamples.oggVorbis(44_100 * 90, 44_100, 40);
    assertTrue(ogg.length > 128 * 1024);
    assertAudio("audio/ogg", "ogg", 90, probe("long.ogg", ogg));
  }

  @Test
  void opusDurationSubtractsThePreSkip() throws IOException {
    byte[] opus = AudioSamples.opus(48_000 * 5 + 312, 312);
    assertAudio("audio/ogg", "opus", 5, probe("a.opus", opus));
  }

  @Test
  void oggVideoIsNotAudio() throws IOException {
    assertNotAudio(probe("video.ogg", AudioSamples.oggTheora()));
  }

  @Test
  void flacDurationIsTotalSamplesOverTheRate() throws IOException {
    assertAudio("audio/flac", "flac", 2, probe("a.flac", AudioSamples.flac(44_100, 88_200)));
  }

  @Test
  void flacWithUnknownTotalSamplesHasNoDuration() throws IOException {
    assertAudio("audio/flac", "flac", null, probe("a.flac", AudioSamples.flac(44_100, 0)));
  }

  @Test
  void m4aDurationComesFromMvhd() throws IOException {
    assertAudio("audio/mp4", "m4a", 7, probe("a.m4a", AudioSamples.m4a(44_100, 44_100L * 7)));
  }

  @Test
  void m4aWithVersion1MvhdReads64BitDurations() throws IOException {
    byte[] m4a = AudioSamples.m4a(1000, 5_000_000_000L);
    assertAudio("audio/mp4", "m4a", 5_000_000, probe("long.m4a", m4a));
  }

  @Test
  void mp4VideoIsNotAudio() throws IOException {
    assertNotAudio(probe("video.m4a", AudioSamples.mp4Video()));
  }

  @Test
  void formatComesFromTheBytesNotTheName() throws IOException {
    assertAudio("audio/wav", "wav", 1, probe("song.mp3", AudioSamples.wav(1, 8000)));
    assertNotAudio(probe("x.mp3", AudioSamples.png()));
  }

  @Test
  void textAndEmptyFilesAreNotAudio() throws IOException {
    assertNotAudio(probe("notes.mp3", AudioSamples.text()));
    assertNotAudio(probe("empty.wav", new byte[0]));
  }

  @Test
  void truncatedFilesNeverThrow() {
    Map<String, byte[]> samples =
        Map.of(
            "wav", AudioSamples.wav(1, 8000),
            "mp3", AudioSamples.mp3(3, true),
            "xing", AudioSamples.mp3WithXing(10, 1),
            "ogg", AudioSamples.oggVorbis(44_100, 44_100),
            "opus", AudioSamples.opus(48_000, 312),
            "flac", AudioSamples.flac(44_100, 88_200),
            "m4a", AudioSamples.m4a(44_100, 44_100));
    samples.forEach(
        (name, bytes) -> {
          for (int length = 0; length < Math.min(bytes.length, 1500); length++) {
            byte[] prefix = Arrays.copyOf(bytes, length);
            assertDoesNotThrow(() -> probe(name + ".bin", prefix), name + " cut at " + length);
          }
        });
  }

  private Optional<Result> probe(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return AudioProbe.probe(file);
  }

  private static void assertAudio(
      String contentType, String extension, Integer durationSec, Optional<Result> result) {
    assertEquals(Optional.of(new Result(contentType, extension, durationSec)), result);
  }

  private static void assertNotAudio(Optional<Result> result) {
    assertEquals(Optional.empty(), result);
  }
}
