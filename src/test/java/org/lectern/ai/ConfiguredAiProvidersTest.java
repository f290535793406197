package org.lectern.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which providers a configuration gives, with and without espeak-ng. */
class ConfiguredAiProvidersTest {

  private static final boolean ESPEAK = EspeakSpeech.version("espeak-ng").isPresent();

  private static ConfiguredAiProviders configured(String... keyValues) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      values.put(keyValues[i], keyValues[i + 1]);
    }
    ConfiguredAiProviders providers = new ConfiguredAiProviders();
    providers.configure(AiSettings.from(name -> Optional.ofNullable(values.get(name))));
    return providers;
  }

  private static String speech(ConfiguredAiProviders p) {
    return p.speech().map(SpeechSynthesizer::name).orElse("off");
  }

  @Test
  void withoutABaseUrlOnlyOfflineSpeechAndTheWordLists() {
    ConfiguredAiProviders p = configured();
    assertTrue(p.text().isEmpty());
    assertTrue(p.images().isEmpty());
    assertEquals(ESPEAK ? "espeak-ng" : "off", speech(p));
    assertInstanceOf(WordListGate.class, p.moderation());
  }

  @Test
  void aBaseUrlTurnsOnTextImagesAndProviderModeration() {
    ConfiguredAiProviders p = configured("lectern.ai.base-url", "http://127.0.0.1:9/v1");
    assertInstanceOf(OpenAiCompatible.class, p.text().orElseThrow());
    assertInstanceOf(OpenAiCompatible.class, p.images().orElseThrow());
    assertInstanceOf(ProviderModerationGate.class, p.moderation());
    assertEquals(ESPEAK ? "espeak-ng" : "openai", speech(p), "auto prefers espeak-ng");
  }

  @Test
  void speechFollowsLecternAiSpeech() {
    String base = "http://127.0.0.1:9/v1";
    assertEquals(
        "openai", speech(configured("lectern.ai.base-url", base, "lectern.ai.speech", "openai")));
    assertEquals(
        "off", speech(configured("lectern.ai.base-url", base, "lectern.ai.speech", "off")));
    assertEquals("off", speech(configured("lectern.ai.speech", "openai")), "no provider to use");
    assertEquals(
        "openai",
        speech(configured("lectern.ai.base-url", base, "lectern.ai.espeak.command", "no-espeak")),
        "auto without espeak-ng");
    assertEquals(
        "off",
        speech(
            configured("lectern.ai.speech", "espeak", "lectern.ai.espeak.command", "no-espeak")));
  }
}
