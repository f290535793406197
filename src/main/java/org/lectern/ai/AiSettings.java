package org.lectern.ai;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The AI configuration, read once from MicroProfile Config ({@code lectern.ai.*}, or the
 * environment variables {@code LECTERN_AI_*}). The base URL includes the API version, as the OpenAI
 * SDKs take it: {@code https://api.openai.com/v1}, {@code http://localhost:11434/v1}; the endpoints
 * are appended to it ({@code /chat/completions}, {@code /images/generations}, {@code
 * /audio/speech}, {@code /moderations}).
 *
 * <p>The API key is kept out of {@link #toString()} so that no log line or exception can carry it.
 *
 * @param baseUrl the OpenAI-compatible API, empty when the HTTP provider is off
 * @param apiKey sent only as {@code Authorization: Bearer}; empty for servers that need none
 * @param wordListsDir more moderation word lists ({@code <lang>.txt}) added to the shipped ones
 * @param speech {@code auto} (espeak-ng when installed, else the HTTP provider), {@code espeak},
 *     {@code openai} or {@code off}
 */
public record AiSettings(
    Optional<URI> baseUrl,
    Optional<String> apiKey,
    String textModel,
    String imageModel,
    String speechModel,
    String speechVoice,
    String speechFormat,
    String moderationModel,
    String speech,
    String espeakCommand,
    Optional<Path> wordListsDir,
    Duration connectTimeout,
    Duration timeout,
    Duration espeakTimeout,
    int maxAnswerBytes,
    int maxImageBytes,
    int maxSpeechBytes) {

  public static final String SPEECH_AUTO = "auto";
  public static final String SPEECH_ESPEAK = "espeak";
  public static final String SPEECH_OPENAI = "openai";
  public static final String SPEECH_OFF = "off";

  private static final Set<String> SPEECH_MODES =
      Set.of(SPEECH_AUTO, SPEECH_ESPEAK, SPEECH_OPENAI, SPEECH_OFF);

  public AiSettings {
    if (!SPEECH_MODES.contains(speech)) {
      throw new IllegalArgumentException(
          "lectern.ai.speech must be auto, espeak, openai or off, not '" + speech + "'");
    }
    if (!speechFormat.equals("wav") && !speechFormat.equals("mp3")) {
      throw new IllegalArgumentException(
          "lectern.ai.speech-format must be wav or mp3, not '" + speechFormat + "'");
    }
  }

  /**
   * Reads the settings through {@code lookup} (a property name to its value), so that tests need no
   * MicroProfile Config implementation.
   */
  public static AiSettings from(Function<String, Optional<String>> lookup) {
    Function<String, Optional<String>> value =
        name -> lookup.apply(name).map(String::strip).filter(v -> !v.isEmpty());
    Optional<URI> base = value.apply("lectern.ai.base-url").map(AiSettings::baseUrl);
    return new AiSettings(
        base,
        value.apply("lectern.ai.api-key"),
        value.apply("lectern.ai.text-model").orElse("gpt-4o-mini"),
        value.apply("lectern.ai.image-model").orElse("dall-e-2"),
        value.apply("lectern.ai.speech-model").orElse("tts-1"),
        value.apply("lectern.ai.speech-voice").orElse("alloy"),
        value.apply("lectern.ai.speech-format").orElse("wav").toLowerCase(Locale.ROOT),
        value.apply("lectern.ai.moderation-model").orElse("omni-moderation-latest"),
        value.apply("lectern.ai.speech").orElse(SPEECH_AUTO).toLowerCase(Locale.ROOT),
        value.apply("lectern.ai.espeak.command").orElse("espeak-ng"),
        value.apply("lectern.ai.word-lists-dir").map(Path::of),
        seconds(value, "lectern.ai.connect-timeout-seconds", 10),
        seconds(value, "lectern.ai.timeout-seconds", 120),
        seconds(value, "lectern.ai.espeak.timeout-seconds", 120),
        bytes(value, "lectern.ai.max-answer-bytes", 2 * 1024 * 1024),
        imageBytes(value),
        bytes(value, "lectern.ai.max-speech-bytes", 25 * 1024 * 1024));
  }

  /** The base URL without a trailing slash; only http and https. */
  static URI baseUrl(String text) {
    String trimmed = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    URI uri;
    try {
      uri = URI.create(trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("lectern.ai.base-url is not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "lectern.ai.base-url must be an http(s) URL such as https://api.openai.com/v1");
    }
    if (uri.getUserInfo() != null || uri.getQuery() != null) {
      throw new IllegalArgumentException(
          "lectern.ai.base-url must carry no credentials or query; set LECTERN_AI_API_KEY");
    }
    return uri;
  }

  private static Duration seconds(
      Function<String, Optional<String>> value, String name, int fallback) {
    int s = number(value, name, fallback);
    if (s < 1) {
      throw new IllegalArgumentException(name + " must be at least 1");
    }
    return Duration.ofSeconds(s);
  }

  /** The largest image taken from the provider: at most what a stored image may be. */
  private static int imageBytes(Function<String, Optional<String>> value) {
    int b = bytes(value, "lectern.ai.max-image-bytes", JobStore.MAX_IMAGE_BYTES);
    if (b > JobStore.MAX_IMAGE_BYTES) {
      throw new IllegalArgumentException(
          "lectern.ai.max-image-bytes must be at most "
              + JobStore.MAX_IMAGE_BYTES
              + ", the largest image Lectern keeps");
    }
    return b;
  }

  private static int bytes(Function<String, Optional<String>> value, String name, int fallback) {
    int b = number(value, name, fallback);
    if (b < 1024) {
      throw new IllegalArgumentException(name + " must be at least 1024");
    }
    return b;
  }

  private static int number(Function<String, Optional<String>> value, String name, int fallback) {
    Optional<String> text = value.apply(name);
    try {
      return text.map(Integer::parseInt).orElse(fallback);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a whole number, not '" + text.get() + "'");
    }
  }

  /** Never shows the API key, only whether there is one. */
  @Override
  public String toString() {
    return "AiSettings[baseUrl="
        + baseUrl.map(URI::toString).orElse("(off)")
        + ", apiKey="
        + (apiKey.isPresent() ? "(set)" : "(unset)")
        + ", textModel="
        + textModel
        + ", imageModel="
        + imageModel
        + ", speechModel="
        + speechModel
        + ", speechVoice="
        + speechVoice
        + ", speechFormat="
        + speechFormat
        + ", moderationModel="
        + moderationModel
        + ", speech="
        + speech
        + ", wordListsDir="
        + wordListsDir.map(Path::toString).orElse("(none)")
        + "]";
  }
}
