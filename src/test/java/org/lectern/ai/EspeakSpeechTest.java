package org.lectern.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lectern.ai.SpeechSynthesizer.GeneratedSpeech;
import org.lectern.media.AudioProbe;

/**
 * Offline speech with the real espeak-ng ({@code .ci/run} installs it; without it these tests are
 * skipped, and say so).
 */
class EspeakSpeechTest {

  private static final String STORY =
      "Mira kept the lantern lit every night, so that the ships could find the harbour. ";

  private final EspeakSpeech espeak = new EspeakSpeech("espeak-ng", Duration.ofSeconds(60));

  @BeforeAll
  static void needsEspeak() {
    assumeTrue(
        EspeakSpeech.version("espeak-ng").isPresent(),
        "espeak-ng is not installed (apt-get install espeak-ng)");
  }

  @Test
  void versionNamesTheProgram() {
    assertTrue(EspeakSpeech.version("espeak-ng").orElseThrow().contains("eSpeak NG"));
    assertTrue(EspeakSpeech.version("no-such-espeak-binary").isEmpty());
  }

  @Test
  void aLongerTextGivesALongerWav() throws Exception {
    int shortSeconds = probedSeconds(STORY, "en");
    int longSeconds = probedSeconds(STORY.repeat(6), "en");
    assertTrue(shortSeconds >= 2 && shortSeconds <= 10, "one sentence: " + shortSeconds + " s");
    // Six times the text: about six times as long, within reason.
    assertTrue(
        longSeconds >= shortSeconds * 4 && longSeconds <= shortSeconds * 8,
        shortSeconds + " s, then " + longSeconds + " s");
  }

  @Test
  void quotesShellCharactersAndNonAsciiGoThroughStdin() throws Exception {
    String text =
        "\"Olá!\" disse a Zoë; 'não' -- $(rm -rf /) `id` & | > < ; -v xx --help ção ñ 中文 😀";
    assertTrue(probedSeconds(text, "pt-PT") >= 1);
    assertTrue(probedSeconds("-w /tmp/x --stdin", "en") >= 1, "text that looks like options");
  }

  @Test
  void languagesPickInstalledVoicesAndFallBackToEnglish() {
    assertEquals("pt", espeak.voiceFor("pt-PT", null));
    assertEquals("pt-br", espeak.voiceFor("pt-BR", null));
    assertEquals("es", espeak.voiceFor("es", null));
    assertEquals("en-gb", espeak.voiceFor("en", null));
    assertEquals("en-us", espeak.voiceFor("en-US", null));
    assertEquals("pt", espeak.voiceFor("pt_PT", null));
    assertEquals("en-gb", espeak.voiceFor("xx-YY", null), "unknown: English");
    assertEquals("en-gb", espeak.voiceFor(null, null));
    assertEquals("de", espeak.voiceFor("en", "de"), "an installed voice wins");
    assertEquals("en-us+f3", espeak.voiceFor("en", "en-US+f3"), "with a variant");
    assertEquals("fr-fr", espeak.voiceFor("fr", "alloy"), "another provider's voice is ignored");
    assertEquals("en-gb", espeak.voiceFor("en", "-w /etc/passwd"));
  }

  @Test
  void parsesTheVoiceListing() {
    Map<String, String> voices =
        EspeakSpeech.parseVoices(
            "Pty Language       Age/Gender VoiceName          File                 Other Languages\n"
                + " 5  en-029          --/M      English_(Caribbean) gmw/en-029           (en 10)\n"
                + " 2  en-gb           --/M      English_(Great_Britain) gmw/en               (en 2)\n"
                + " 2  en-us           --/M      English_(America)  gmw/en-US            (en 3)\n"
                + " 5  pt              --/M      Portuguese_(Portugal) roa/pt               (pt-pt 5)\n");
    assertEquals("en-gb", voices.get("en"));
    assertEquals("pt", voices.get("pt-pt"));
    assertEquals("en-029", voices.get("en-029"));
  }

  @Test
  void aTextThatTakesTooLongIsKilledAtTheTimeout() {
    // About 32,000 characters: some 1.2 s of work for espeak-ng.
    EspeakSpeech impatient = new EspeakSpeech("espeak-ng", Duration.ofMillis(100));
    long started = System.nanoTime();
    ProviderException e =
        assertThrows(
            ProviderException.class, () -> impatient.synthesize(STORY.repeat(400), "en", null));
    long tookMillis = (System.nanoTime() - started) / 1_000_000;
    assertTrue(e.retryable());
    assertTrue(e.getMessage().contains("did not finish"), e.getMessage());
    assertTrue(tookMillis < 5_000, "killed, not waited for: " + tookMillis + " ms");
  }

  @Test
  void nothingToSayOrNoProgramIsNotRetryable() {
    assertFalse(
        assertThrows(ProviderException.class, () -> espeak.synthesize("  ", "en", null))
            .retryable());
    EspeakSpeech missing = new EspeakSpeech("no-such-espeak-binary", Duration.ofSeconds(5));
    assertFalse(
        assertThrows(ProviderException.class, () -> missing.synthesize("Hello", "en", null))
            .retryable());
  }

  private int probedSeconds(String text, String language) throws Exception {
    GeneratedSpeech speech = espeak.synthesize(text, language, null);
    try {
      assertEquals("audio/wav", speech.contentType());
      AudioProbe.Result probed = AudioProbe.probe(speech.file()).orElseThrow();
      assertEquals("audio/wav", probed.contentType());
      return probed.durationSec();
    } finally {
      Files.deleteIfExists(speech.file());
    }
  }
}
