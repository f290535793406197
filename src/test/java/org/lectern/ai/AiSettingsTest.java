package org.lectern.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AiSettingsTest {

  private static AiSettings of(Map<String, String> values) {
    return AiSettings.from(name -> Optional.ofNullable(values.get(name)));
  }

  @Test
  void offWithoutABaseUrl() {
    AiSettings s = of(Map.of());
    assertTrue(s.baseUrl().isEmpty());
    assertEquals("gpt-4o-mini", s.textModel());
    assertEquals(AiSettings.SPEECH_AUTO, s.speech());
    assertEquals(Duration.ofSeconds(120), s.timeout());
    assertTrue(of(Map.of("lectern.ai.base-url", "  ")).baseUrl().isEmpty(), "blank is unset");
  }

  @Test
  void theBaseUrlKeepsItsVersionAndLosesATrailingSlash() {
    assertEquals(
        URI.create("https://api.openai.com/v1"),
        of(Map.of("lectern.ai.base-url", "https://api.openai.com/v1/")).baseUrl().orElseThrow());
  }

  @Test
  void unusableValuesAreRefusedWithTheirName() {
    for (Map<String, String> bad :
        new Map[] {
          Map.of("lectern.ai.base-url", "ftp://example.com/v1"),
          Map.of("lectern.ai.base-url", "https://user:pw@example.com/v1"),
          Map.of("lectern.ai.speech", "loud"),
          Map.of("lectern.ai.speech-format", "flac"),
          Map.of("lectern.ai.timeout-seconds", "soon"),
          Map.of("lectern.ai.timeout-seconds", "0"),
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> of(bad), bad.toString());
      assertTrue(e.getMessage().contains("lectern.ai."), e.getMessage());
      assertFalse(e.getMessage().contains("pw@"), "no credentials in the message");
    }
  }

  @Test
  void theKeyIsNeverShown() {
    AiSettings s =
        of(Map.of("lectern.ai.base-url", "https://x.test/v1", "lectern.ai.api-key", "sk-123456"));
    assertEquals("sk-123456", s.apiKey().orElseThrow());
    assertFalse(s.toString().contains("sk-123456"));
    assertTrue(s.toString().contains("apiKey=(set)"));
  }
}
