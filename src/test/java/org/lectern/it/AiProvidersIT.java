package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lectern.ai.EspeakSpeech;

/**
 * The AI providers as the deployed server wired them (through the test-only {@code
 * it.probe.AiProbe}): the fake OpenAI-compatible API from its configuration, with the key; the word
 * lists packaged in the war; espeak-ng. The jobs that use them are tested over the API by their own
 * ITs.
 */
class AiProvidersIT extends ApiTestBase {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final boolean ESPEAK = EspeakSpeech.version("espeak-ng").isPresent();
  private final FakeOpenAi fake = FakeOpenAi.instance();

  @BeforeEach
  @AfterEach
  void resetFake() {
    fake.reset();
  }

  @Test
  void theServerUsesTheConfiguredProviderAndEspeak() {
    JsonObject p = probe("");
    assertTrue(p.getBoolean("text"));
    assertTrue(p.getBoolean("images"));
    // The server runs on this machine: espeak-ng when installed here, else the fake's speech.
    assertEquals(ESPEAK ? "espeak-ng" : "openai", p.getString("speech"));
  }

  @Test
  void theShippedWordListsBlockWithoutAskingTheProvider() {
    JsonObject v = probe("/moderate?language=pt-BR&text=" + q("Que foda-se é esta?"));
    assertTrue(v.getBoolean("blocked"));
    assertEquals(List.of("word-list:pt:foda-se"), strings(v));
    JsonObject en = probe("/moderate?language=fr&text=" + q("Il a dit: kill yourself."));
    assertEquals(List.of("word-list:en:kill yourself"), strings(en));
    assertTrue(fake.calls(FakeOpenAi.MODERATIONS).isEmpty());
  }

  @Test
  void allowedTextGoesToTheProvidersModerationWithTheKey() {
    JsonObject ok = probe("/moderate?language=en&text=" + q("A lighthouse keeper's daughter."));
    assertFalse(ok.getBoolean("blocked"));
    JsonObject flagged =
        probe("/moderate?language=en&text=" + q("A tale of " + FakeOpenAi.FLAG_MARKER));
    assertTrue(flagged.getBoolean("blocked"));
    assertEquals(List.of("provider:violence"), strings(flagged));
    List<FakeOpenAi.Call> calls = fake.calls(FakeOpenAi.MODERATIONS);
    assertEquals(2, calls.size());
    assertTrue(calls.stream().allMatch(FakeOpenAi.Call::authorized), "sent with the API key");
  }

  @Test
  void aFailingModerationIsAnErrorNotAPass() {
    fake.failNext(FakeOpenAi.MODERATIONS, 1, 429, 3);
    JsonObject v = probe("/moderate?language=en&text=" + q("Harmless words."));
    assertTrue(v.getBoolean("retryable"), v.toString());
    assertEquals(3, v.getInt("retryAfterSeconds"));
    assertFalse(v.getString("error").contains(FakeOpenAi.API_KEY));
  }

  @Test
  void textComesFromTheProvider() {
    fake.chatAnswers((system, user) -> "Once upon a time: " + user);
    assertEquals("Once upon a time: a fox", probe("/write?prompt=" + q("a fox")).getString("text"));
  }

  @Test
  void espeakSpeechGrowsWithTheText() {
    assumeTrue(ESPEAK, "espeak-ng is not installed (apt-get install espeak-ng)");
    String sentence = "The fox ran across the snowy field to find its friends. ";
    JsonObject one = probe("/speak?language=en&text=" + q(sentence));
    JsonObject five = probe("/speak?language=pt-PT&text=" + q(sentence.repeat(5)));
    assertEquals("espeak-ng", one.getString("provider"));
    assertEquals("audio/wav", one.getString("contentType"));
    int a = one.getInt("durationSec");
    int b = five.getInt("durationSec");
    assertTrue(a >= 2 && b >= a * 3 && b <= a * 7, a + " s, then " + b + " s");
  }

  private JsonObject probe(String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(api.base() + "/api/test-only/ai" + path))
            .header("Authorization", "Bearer " + schools.rootToken())
            .build();
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      return Json.createReader(new StringReader(r.body())).readObject();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static List<String> strings(JsonObject verdict) {
    return verdict.getJsonArray("reasons").getValuesAs(jakarta.json.JsonString.class).stream()
        .map(jakarta.json.JsonString::getString)
        .toList();
  }
}
