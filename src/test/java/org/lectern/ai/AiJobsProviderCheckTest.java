package org.lectern.ai;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lectern.ai.AiDtos.Kind;
import org.lectern.platform.LecternException;

/** A job this server could only fail is refused before it is queued or counted. */
class AiJobsProviderCheckTest {

  /** What a server offers: speech only (espeak-ng installed, no LECTERN_AI_BASE_URL), or all. */
  private static AiProviders offering(boolean text, boolean images, boolean speech) {
    TextGenerator t = (instructions, prompt, maxTokens) -> "";
    ImageGenerator i = (prompt, size) -> null;
    SpeechSynthesizer s =
        new SpeechSynthesizer() {
          @Override
          public GeneratedSpeech synthesize(String x, String language, String voice) {
            return null;
          }

          @Override
          public String name() {
            return "espeak-ng";
          }
        };
    return new AiProviders() {
      @Override
      public Optional<TextGenerator> text() {
        return text ? Optional.of(t) : Optional.empty();
      }

      @Override
      public Optional<ImageGenerator> images() {
        return images ? Optional.of(i) : Optional.empty();
      }

      @Override
      public Optional<SpeechSynthesizer> speech() {
        return speech ? Optional.of(s) : Optional.empty();
      }

      @Override
      public ModerationGate moderation() {
        return (text, language) -> ModerationGate.Verdict.ALLOWED;
      }
    };
  }

  @Test
  void withoutAnHttpProviderOnlySpeechIsAccepted() {
    AiProviders espeakOnly = offering(false, false, true);
    assertDoesNotThrow(() -> AiJobs.requireProvider(espeakOnly, Kind.speech));
    for (Kind kind : new Kind[] {Kind.illustration, Kind.teaching_material}) {
      LecternException refused =
          assertThrows(LecternException.class, () -> AiJobs.requireProvider(espeakOnly, kind));
      assertEquals("ai.unavailable", refused.code(), kind.name());
      assertEquals(409, refused.status(), kind.name());
      assertTrue(refused.getMessage().contains("LECTERN_AI_BASE_URL"), refused.getMessage());
    }
  }

  @Test
  void withNothingNothingIsAcceptedAndWithEverythingEverything() {
    for (Kind kind : Kind.values()) {
      assertThrows(
          LecternException.class,
          () -> AiJobs.requireProvider(offering(false, false, false), kind));
      assertDoesNotThrow(() -> AiJobs.requireProvider(offering(true, true, true), kind));
    }
  }
}
