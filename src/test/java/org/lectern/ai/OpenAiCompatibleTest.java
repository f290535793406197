package org.lectern.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lectern.ai.ImageGenerator.GeneratedImage;
import org.lectern.ai.ModerationGate.Verdict;
import org.lectern.ai.SpeechSynthesizer.GeneratedSpeech;
import org.lectern.it.FakeOpenAi;
import org.lectern.media.AudioProbe;

/** The HTTP provider against the fake OpenAI API: answers, failures and their retryability. */
class OpenAiCompatibleTest {

  private static FakeOpenAi fake;
  private OpenAiCompatible provider;

  @BeforeAll
  static void startFake() {
    fake = FakeOpenAi.start();
  }

  @AfterAll
  static void stopFake() {
    fake.close();
  }

  @BeforeEach
  void setUp() {
    fake.reset();
    provider = new OpenAiCompatible(settings(Map.of()));
  }

  private static AiSettings settings(Map<String, String> extra) {
    Map<String, String> values =
        new java.util.HashMap<>(
            Map.of(
                "lectern.ai.base-url",
                fake.baseUrl() + "/",
                "lectern.ai.api-key",
                FakeOpenAi.API_KEY,
                "lectern.ai.timeout-seconds",
                "5"));
    values.putAll(extra);
    return AiSettings.from(name -> Optional.ofNullable(values.get(name)));
  }

  @Test
  void chatCompletionSendsInstructionsAndPromptAndAnswersTheContent() throws Exception {
    fake.chatAnswers((system, user) -> "[" + system + "|" + user + "]");
    assertEquals(
        "[Summarise.|Once upon a time]", provider.generate("Summarise.", "Once upon a time", 50));
    FakeOpenAi.Call call = fake.calls(FakeOpenAi.CHAT).get(0);
    assertTrue(call.authorized(), "the key goes as a bearer token");
    assertEquals("gpt-4o-mini", call.body().getString("model"));
    assertEquals(50, call.body().getInt("max_tokens"));
  }

  @Test
  void anImageWithoutARevisedPromptSaysSoInsteadOfRepeatingThePrompt() throws Exception {
    // dall-e-2 answers no revised_prompt: the prompt was used as given, and is judged already.
    String answer =
        "{\"created\":1,\"data\":[{\"b64_json\":\""
            + java.util.Base64.getEncoder().encodeToString(FakeOpenAi.png())
            + "\"}]}";
    fake.answerNext(
        FakeOpenAi.IMAGES, 200, "application/json", answer.getBytes(StandardCharsets.UTF_8));
    GeneratedImage image = provider.generate("a lighthouse at night", "256x256");
    assertEquals("image/png", image.contentType());
    assertNull(image.revisedPrompt());
  }

  @Test
  void imagesAreDecodedAndTyped() throws Exception {
    GeneratedImage image = provider.generate("a lighthouse at night", "256x256");
    assertEquals("image/png", image.contentType());
    assertEquals("An illustration: a lighthouse at night", image.revisedPrompt());
    assertTrue(image.bytes().length > 8);
    JsonObject sent = fake.calls(FakeOpenAi.IMAGES).get(0).body();
    assertEquals("b64_json", sent.getString("response_format"));
    assertEquals("256x256", sent.getString("size"));
    ProviderException e =
        assertThrows(ProviderException.class, () -> provider.generate("a cat", "640x480"));
    assertFalse(e.retryable());
  }

  @Test
  void speechIsAWavFileThatGrowsWithTheText() throws Exception {
    GeneratedSpeech short_ = provider.synthesize("Hello there.", "en", null);
    GeneratedSpeech long_ = provider.synthesize("word ".repeat(40).strip(), "en", "nova");
    try {
      assertEquals("audio/wav", short_.contentType());
      int shortSeconds = AudioProbe.probe(short_.file()).orElseThrow().durationSec();
      int longSeconds = AudioProbe.probe(long_.file()).orElseThrow().durationSec();
      assertTrue(longSeconds > shortSeconds, shortSeconds + " < " + longSeconds);
      List<FakeOpenAi.Call> calls = fake.calls(FakeOpenAi.SPEECH);
      assertEquals("alloy", calls.get(0).body().getString("voice"));
      assertEquals("nova", calls.get(1).body().getString("voice"));
      assertEquals("wav", calls.get(0).body().getString("response_format"));
    } finally {
      Files.deleteIfExists(short_.file());
      Files.deleteIfExists(long_.file());
    }
  }

  @Test
  void aTextLongerThanOneRequestIsSpokenInPiecesJoinedIntoOneWav() throws Exception {
    // 2,000 words of 5 characters: three requests of at most 4,000 characters.
    String text = "word ".repeat(2_000).strip();
    GeneratedSpeech speech =
        new OpenAiCompatible(settings(Map.of("lectern.ai.speech-format", "mp3")))
            .synthesize(text, "en", null);
    try {
      List<FakeOpenAi.Call> calls = fake.calls(FakeOpenAi.SPEECH);
      assertEquals(3, calls.size());
      int seconds = 0;
      StringBuilder spoken = new StringBuilder();
      for (FakeOpenAi.Call call : calls) {
        String input = call.body().getString("input");
        assertTrue(input.length() <= OpenAiCompatible.SPEECH_PIECE_CHARS);
        assertEquals("wav", call.body().getString("response_format"), "pieces join as WAV");
        seconds += (int) Math.ceil(input.strip().split("\\s+").length * 0.4);
        spoken.append(input);
      }
      assertEquals(text, spoken.toString().strip().replaceAll("\\s+", " "));
      assertEquals("audio/wav", speech.contentType());
      assertEquals(seconds, AudioProbe.probe(speech.file()).orElseThrow().durationSec());
    } finally {
      Files.deleteIfExists(speech.file());
    }
  }

  @Test
  void aFailingPieceFailsTheWholeText() {
    fake.answerNext(FakeOpenAi.SPEECH, 200, "audio/wav", FakeOpenAi.png());
    String text = "word ".repeat(2_000).strip();
    ProviderException e =
        assertThrows(ProviderException.class, () -> provider.synthesize(text, "en", null));
    assertFalse(e.retryable());
    assertEquals(1, fake.calls(FakeOpenAi.SPEECH).size(), "no piece asked for after it");
  }

  @Test
  void serverErrorsAreRetryable() {
    fake.failNext(FakeOpenAi.CHAT, 1, 500);
    ProviderException e =
        assertThrows(ProviderException.class, () -> provider.generate("i", "p", 10));
    assertTrue(e.retryable());
    assertNull(e.retryAfter());
    assertTrue(e.getMessage().contains("500"), e.getMessage());
    assertTrue(e.getMessage().contains("Fake failure 500"), "the provider's own message");
  }

  @Test
  void rateLimitsAreRetryableAfterTheProvidersDelay() {
    fake.failNext(FakeOpenAi.IMAGES, 1, 429, 7);
    ProviderException e =
        assertThrows(ProviderException.class, () -> provider.generate("a cat", "256x256"));
    assertTrue(e.retryable());
    assertEquals(Duration.ofSeconds(7), e.retryAfter());
  }

  @Test
  void clientErrorsAreNotRetryable() {
    fake.failNext(FakeOpenAi.SPEECH, 1, 400);
    ProviderException e =
        assertThrows(ProviderException.class, () -> provider.synthesize("Hi", "en", null));
    assertFalse(e.retryable());
  }

  @Test
  void aWrongKeyIsNotRetryableAndNeverShown() {
    OpenAiCompatible wrong =
        new OpenAiCompatible(settings(Map.of("lectern.ai.api-key", "sk-secret-value-123")));
    fake.answerNext(
        FakeOpenAi.CHAT,
        401,
        "application/json",
        "{\"error\":{\"message\":\"Incorrect API key provided: sk-secret-value-123.\"}}"
            .getBytes(StandardCharsets.UTF_8));
    ProviderException e = assertThrows(ProviderException.class, () -> wrong.generate("i", "p", 5));
    assertFalse(e.retryable());
    assertFalse(e.getMessage().contains("sk-secret-value-123"), e.getMessage());
    assertTrue(e.getMessage().contains("401"));
    assertFalse(wrong.toString().contains("sk-secret"));
    assertFalse(
        settings(Map.of("lectern.ai.api-key", "sk-secret-value-123"))
            .toString()
            .contains("sk-secret"));
  }

  @Test
  void oversizeAnswersAreCutOffAndNotRetryable() {
    OpenAiCompatible small =
        new OpenAiCompatible(settings(Map.of("lectern.ai.max-answer-bytes", "2048")));
    byte[] big =
        ("{\"choices\":[{\"message\":{\"content\":\"" + "x".repeat(100_000) + "\"}}]}")
            .getBytes(StandardCharsets.UTF_8);
    fake.answerNext(FakeOpenAi.CHAT, 200, "application/json", big);
    ProviderException e = assertThrows(ProviderException.class, () -> small.generate("i", "p", 5));
    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("more than 2048 bytes"), e.getMessage());
  }

  @Test
  void garbageAnswersAreNotRetryable() {
    fake.answerNext(
        FakeOpenAi.CHAT, 200, "text/html", "<html>hi</html>".getBytes(StandardCharsets.UTF_8));
    ProviderException e =
        assertThrows(ProviderException.class, () -> provider.generate("i", "p", 5));
    assertFalse(e.retryable());
  }

  @Test
  void slowAnswersTimeOutAndAreRetryable() {
    OpenAiCompatible quick =
        new OpenAiCompatible(settings(Map.of("lectern.ai.timeout-seconds", "1")));
    fake.delay(FakeOpenAi.CHAT, Duration.ofMillis(2500));
    long started = System.nanoTime();
    ProviderException e = assertThrows(ProviderException.class, () -> quick.generate("i", "p", 5));
    assertTrue(e.retryable());
    assertTrue(System.nanoTime() - started < 2_400_000_000L, "gave up at the deadline");
  }

  @Test
  void anUnreachableProviderIsRetryable() {
    FakeOpenAi gone = FakeOpenAi.start();
    String url = gone.baseUrl();
    gone.close();
    OpenAiCompatible p = new OpenAiCompatible(settings(Map.of("lectern.ai.base-url", url)));
    ProviderException e = assertThrows(ProviderException.class, () -> p.generate("i", "p", 5));
    assertTrue(e.retryable());
  }

  @Test
  void moderationFlagsBecomeProviderReasons() throws Exception {
    assertEquals(Verdict.ALLOWED, provider.moderate("A story about a friendly dragon."));
    Verdict v = provider.moderate("A story about a " + FakeOpenAi.FLAG_MARKER + ".");
    assertTrue(v.blocked());
    assertEquals(List.of("provider:violence"), v.reasons());
    assertEquals(
        "omni-moderation-latest",
        fake.calls(FakeOpenAi.MODERATIONS).get(0).body().getString("model"));
  }

  @Test
  void longTextsAreModeratedInPiecesOfOneCall() throws Exception {
    String text = "calm words ".repeat(2_000) + FakeOpenAi.FLAG_MARKER;
    Verdict v = provider.moderate(text);
    assertTrue(v.blocked());
    List<FakeOpenAi.Call> calls = fake.calls(FakeOpenAi.MODERATIONS);
    assertEquals(1, calls.size());
    assertEquals(3, calls.get(0).body().getJsonArray("input").size());
  }

  @Test
  void aFailingModerationThrowsRatherThanAllowing() {
    fake.failNext(FakeOpenAi.MODERATIONS, 1, 503, 2);
    ModerationGate gate =
        new ProviderModerationGate(new WordListGate(l -> Optional.empty()), provider);
    ProviderException e =
        assertThrows(ProviderException.class, () -> gate.check("Innocent text.", "en"));
    assertTrue(e.retryable());
    assertEquals(Duration.ofSeconds(2), e.retryAfter());
  }

  @Test
  void theGateAsksTheProviderOnlyWhenTheListsAllow() throws Exception {
    ModerationGate gate =
        new ProviderModerationGate(
            new WordListGate(l -> Optional.ofNullable(l.equals("en") ? "badword\n" : null)),
            provider);
    assertEquals(List.of("word-list:en:badword"), gate.check("a badword", "en").reasons());
    assertTrue(fake.calls(FakeOpenAi.MODERATIONS).isEmpty(), "blocked text travels no further");
    assertEquals(List.of("provider:violence"), gate.check(FakeOpenAi.FLAG_MARKER, "en").reasons());
    assertEquals(Verdict.ALLOWED, gate.check("a kind text", "en"));
  }

  @Test
  void piecesCutAtSpacesAndKeepEveryCharacter() {
    String text = "abc def ghi ".repeat(100);
    List<String> pieces = OpenAiCompatible.pieces(text, 50);
    assertEquals(text, String.join("", pieces));
    pieces.forEach(p -> assertTrue(p.length() <= 50));
    String noSpaces = "😀".repeat(60);
    List<String> cut = OpenAiCompatible.pieces(noSpaces, 25);
    assertEquals(noSpaces, String.join("", cut));
    cut.forEach(p -> assertFalse(Character.isLowSurrogate(p.charAt(0)), "no split pair"));
  }

  @Test
  void retryAfterTakesSecondsOrADate() {
    assertEquals(Duration.ofSeconds(30), OpenAiCompatible.retryAfter("30"));
    assertNull(OpenAiCompatible.retryAfter("soon"));
    assertEquals(Duration.ZERO, OpenAiCompatible.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
    assertEquals(Duration.ofDays(1), OpenAiCompatible.retryAfter("99999999"));
  }

  @Test
  void typesAreTakenFromTheBytes() {
    assertEquals("image/png", OpenAiCompatible.imageType(FakeOpenAi.png()));
    assertNull(OpenAiCompatible.imageType("GIF89a".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("audio/mpeg", OpenAiCompatible.audioType(new byte[] {'I', 'D', '3', 4}));
    assertNull(OpenAiCompatible.audioType(new byte[] {1, 2, 3}));
  }
}
