package org.lectern.ai;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.lectern.platform.Jsons;

/**
 * An OpenAI-compatible HTTP API (OpenAI itself, Azure's OpenAI-compatible endpoint, LocalAI,
 * Ollama, vLLM, ...) over {@link HttpClient}: chat completions, image generations, speech and
 * moderations, each under the configured base URL, which includes the API version like the OpenAI
 * SDKs' ({@code https://api.openai.com/v1}).
 *
 * <p>Every call is bounded: a connect timeout, one deadline for the whole exchange, and a cap on
 * the answer's size (a larger answer is cancelled as it streams in). Nothing retries here: the
 * caller (a job) retries with backoff when the {@link ProviderException} says it may help (408,
 * 409, 429, 5xx, timeouts and broken connections; with the provider's {@code Retry-After}). The API
 * key goes only into the {@code Authorization} header; messages and logs never carry it, nor the
 * texts sent.
 */
public final class OpenAiCompatible implements TextGenerator, ImageGenerator, SpeechSynthesizer {

  private static final Logger LOG = Logger.getLogger(OpenAiCompatible.class.getName());

  static final String NAME = "openai";

  private static final Set<String> IMAGE_SIZES = Set.of("256x256", "512x512", "1024x1024");

  /** What one moderation input holds at most; a longer text goes as several inputs in one call. */
  static final int MODERATION_PIECE_CHARS = 8_000;

  /** What one speech request holds at most: OpenAI's limit is 4,096 characters. */
  static final int SPEECH_PIECE_CHARS = 4_000;

  /** The most of an error answer read, and the most of its message put into an exception. */
  private static final int MAX_ERROR_BYTES = 16 * 1024;

  private static final int MAX_ERROR_DETAIL = 300;
  private static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

  private final AiSettings settings;
  private final URI base;
  private final HttpClient client;

  public OpenAiCompatible(AiSettings settings) {
    this.settings = settings;
    this.base =
        settings
            .baseUrl()
            .orElseThrow(() -> new IllegalArgumentException("lectern.ai.base-url is not set"));
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            // Plain http would otherwise try an h2c upgrade, which many local servers mishandle.
            .version(
                "https".equalsIgnoreCase(base.getScheme())
                    ? HttpClient.Version.HTTP_2
                    : HttpClient.Version.HTTP_1_1)
            .build();
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Where the provider is, for logs and job results: the base URL, which carries no secret. */
  public URI baseUrl() {
    return base;
  }

  // Text

  @Override
  public String generate(String instructions, String prompt, int maxTokens)
      throws ProviderException {
    JsonObject body =
        Jsons.builders()
            .createObjectBuilder()
            .add("model", settings.textModel())
            .add(
                "messages",
                Jsons.builders()
                    .createArrayBuilder()
                    .add(message("system", instructions))
                    .add(message("user", prompt)))
            .add("max_tokens", maxTokens)
            .build();
    JsonObject answer = postJson("/chat/completions", body, settings.maxAnswerBytes());
    JsonObject choice = firstObject(answer, "choices", "/chat/completions");
    JsonObject message = choice.getJsonObject("message");
    if ("content_filter".equals(choice.getString("finish_reason", ""))) {
      throw new ProviderException("the provider's content filter stopped the answer", false);
    }
    if (message == null) {
      throw unreadable("/chat/completions", "no message");
    }
    if (message.get("refusal") instanceof jakarta.json.JsonString refusal) {
      throw new ProviderException(
          "the provider refused: " + detail(refusal.getString()), false, null, null);
    }
    if (!(message.get("content") instanceof jakarta.json.JsonString content)) {
      throw unreadable("/chat/completions", "no text content");
    }
    return content.getString();
  }

  private static JsonObjectBuilder message(String role, String content) {
    return Jsons.builders().createObjectBuilder().add("role", role).add("content", content);
  }

  // Images

  @Override
  public GeneratedImage generate(String prompt, String size) throws ProviderException {
    if (!IMAGE_SIZES.contains(size)) {
      throw new ProviderException("image size must be one of " + new TreeSet<>(IMAGE_SIZES), false);
    }
    JsonObjectBuilder body =
        Jsons.builders()
            .createObjectBuilder()
            .add("model", settings.imageModel())
            .add("prompt", prompt)
            .add("n", 1)
            .add("size", size);
    // gpt-image models always answer base64 and refuse the parameter; the DALL-E models need it.
    if (!settings.imageModel().startsWith("gpt-image")) {
      body.add("response_format", "b64_json");
    }
    // Base64 makes 3 bytes 4 characters; room for the JSON around it.
    int cap = (int) Math.min(Integer.MAX_VALUE - 1, settings.maxImageBytes() / 3L * 4 + 65_536);
    JsonObject answer = postJson("/images/generations", body.build(), cap);
    JsonObject first = firstObject(answer, "data", "/images/generations");
    String b64 = first.getString("b64_json", null);
    if (b64 == null) {
      throw unreadable("/images/generations", "no b64_json image");
    }
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw unreadable("/images/generations", "the image is not base64");
    }
    if (bytes.length > settings.maxImageBytes()) {
      throw new ProviderException(
          "the image is larger than " + settings.maxImageBytes() + " bytes", false);
    }
    String contentType = imageType(bytes);
    if (contentType == null) {
      throw unreadable("/images/generations", "the image is not PNG, JPEG or WebP");
    }
    return new GeneratedImage(bytes, contentType, first.getString("revised_prompt", null));
  }

  /** The image type by its bytes, or null. */
  static String imageType(byte[] b) {
    if (startsWith(b, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})) {
      return "image/png";
    }
    if (startsWith(b, 0, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
      return "image/jpeg";
    }
    if (startsWith(b, 0, ascii("RIFF")) && startsWith(b, 8, ascii("WEBP"))) {
      return "image/webp";
    }
    return null;
  }

  // Speech

  /**
   * Speech for a text of any length: in one request when it fits OpenAI's limit, else in pieces cut
   * at spaces, each asked for as WAV whatever the configured format, joined into one WAV file.
   */
  @Override
  public GeneratedSpeech synthesize(String text, String language, String voice)
      throws ProviderException {
    if (text == null || text.isBlank()) {
      throw new ProviderException("there is no text to speak", false);
    }
    String chosen = voice == null || voice.isBlank() ? settings.speechVoice() : voice;
    List<String> pieces =
        pieces(text.strip(), SPEECH_PIECE_CHARS).stream().filter(p -> !p.isBlank()).toList();
    Path file = null;
    GeneratedSpeech speech = null;
    try {
      if (pieces.size() == 1) {
        byte[] audio = speak(pieces.get(0), chosen, settings.speechFormat());
        String contentType = audioType(audio);
        if (contentType == null) {
          throw unreadable("/audio/speech", "the answer is not WAV, MP3 or Ogg audio");
        }
        file = Files.createTempFile("lectern-speech-", extension(contentType));
        Files.write(file, audio);
        speech = new GeneratedSpeech(file, contentType);
      } else {
        file = Files.createTempFile("lectern-speech-", ".wav");
        try (WavJoin join = new WavJoin(file, settings.maxSpeechBytes())) {
          for (String piece : pieces) {
            join.append(speak(piece, chosen, "wav"));
          }
          join.finish();
        }
        speech = new GeneratedSpeech(file, "audio/wav");
      }
      return speech;
    } catch (IOException e) {
      throw new ProviderException("could not keep the speech: " + e.getMessage(), true, null, e);
    } finally {
      if (speech == null && file != null) {
        deleteQuietly(file);
      }
    }
  }

  private static String extension(String audioType) {
    return switch (audioType) {
      case "audio/wav" -> ".wav";
      case "audio/ogg" -> ".ogg";
      default -> ".mp3";
    };
  }

  private byte[] speak(String text, String voice, String format) throws ProviderException {
    JsonObject body =
        Jsons.builders()
            .createObjectBuilder()
            .add("model", settings.speechModel())
            .add("input", text)
            .add("voice", voice)
            .add("response_format", format)
            .build();
    return post("/audio/speech", body, "audio/*", settings.maxSpeechBytes());
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warning(() -> "Could not delete " + file + ": " + e.getMessage());
    }
  }

  /** The audio type by its bytes, or null. */
  static String audioType(byte[] b) {
    if (startsWith(b, 0, ascii("RIFF")) && startsWith(b, 8, ascii("WAVE"))) {
      return "audio/wav";
    }
    if (startsWith(b, 0, ascii("OggS"))) {
      return "audio/ogg";
    }
    boolean frameSync = b.length > 1 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0;
    if (startsWith(b, 0, ascii("ID3")) || frameSync) {
      return "audio/mpeg";
    }
    return null;
  }

  // Moderation

  /**
   * The provider's judgement of a text: blocked when it flagged any part of it, with one {@code
   * provider:<category>} reason for each category it flagged ({@code provider:flagged} when it
   * named none). A long text goes as several inputs of one call.
   */
  public ModerationGate.Verdict moderate(String text) throws ProviderException {
    List<String> pieces = pieces(text, MODERATION_PIECE_CHARS);
    var input = Jsons.builders().createArrayBuilder();
    pieces.forEach(input::add);
    JsonObject body =
        Jsons.builders()
            .createObjectBuilder()
            .add("model", settings.moderationModel())
            .add("input", input)
            .build();
    JsonObject answer = postJson("/moderations", body, settings.maxAnswerBytes());
    JsonArray results = answer.getJsonArray("results");
    if (results == null || results.size() != pieces.size()) {
      throw unreadable("/moderations", "not one result for each input");
    }
    boolean flagged = false;
    TreeSet<String> categories = new TreeSet<>();
    for (JsonValue v : results) {
      if (!(v instanceof JsonObject result)) {
        throw unreadable("/moderations", "a result is not an object");
      }
      if (!result.getBoolean("flagged", false)) {
        continue;
      }
      flagged = true;
      JsonObject named = result.getJsonObject("categories");
      if (named != null) {
        named.forEach(
            (category, value) -> {
              if (value == JsonValue.TRUE) {
                categories.add("provider:" + category);
              }
            });
      }
    }
    if (!flagged) {
      return ModerationGate.Verdict.ALLOWED;
    }
    return new ModerationGate.Verdict(
        true, categories.isEmpty() ? List.of("provider:flagged") : List.copyOf(categories));
  }

  /**
   * The text cut into pieces of at most {@code max} characters, at a white space where there is one
   * in the piece's last quarter, never inside a surrogate pair.
   */
  static List<String> pieces(String text, int max) {
    List<String> out = new ArrayList<>();
    int start = 0;
    while (text.length() - start > max) {
      int end = start + max;
      int cut = end;
      while (cut > start + max * 3 / 4 && !Character.isWhitespace(text.charAt(cut - 1))) {
        cut--;
      }
      if (cut == start + max * 3 / 4) {
        cut = Character.isLowSurrogate(text.charAt(end)) ? end - 1 : end;
      }
      out.add(text.substring(start, cut));
      start = cut;
    }
    out.add(text.substring(start));
    return out;
  }

  // HTTP

  private JsonObject postJson(String endpoint, JsonObject body, int cap) throws ProviderException {
    byte[] answer = post(endpoint, body, "application/json", cap);
    try (JsonReader reader = Jsons.provider().createReader(new ByteArrayInputStream(answer))) {
      return reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw unreadable(endpoint, "not a JSON object");
    }
  }

  /**
   * One POST with a JSON body, the answer's bytes when it is a 2xx of at most {@code cap} bytes.
   */
  private byte[] post(String endpoint, JsonObject body, String accept, int cap)
      throws ProviderException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + endpoint))
            .timeout(settings.timeout())
            .header("Content-Type", "application/json")
            .header("Accept", accept)
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    settings.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
    long started = System.nanoTime();
    CompletableFuture<HttpResponse<byte[]>> call =
        client.sendAsync(
            request.build(),
            info ->
                info.statusCode() / 100 == 2
                    ? new CappedBody(cap, false, info.headers())
                    : new CappedBody(MAX_ERROR_BYTES, true, info.headers()));
    HttpResponse<byte[]> response;
    try {
      response = call.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new ProviderException(
          endpoint + " did not answer within " + settings.timeout().toSeconds() + " s",
          true,
          null,
          null);
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw new ProviderException(endpoint + " was interrupted", true, null, null);
    } catch (ExecutionException e) {
      throw failure(endpoint, e.getCause(), cap);
    }
    int status = response.statusCode();
    LOG.fine(
        () ->
            "AI "
                + endpoint
                + " answered "
                + status
                + " in "
                + (System.nanoTime() - started) / 1_000_000
                + " ms");
    if (status / 100 != 2) {
      throw failure(endpoint, status, response.headers(), response.body());
    }
    return response.body();
  }

  private ProviderException failure(String endpoint, Throwable cause, int cap) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof TooLarge) {
        return new ProviderException(
            endpoint + " answered more than " + cap + " bytes", false, null, null);
      }
      if (t instanceof HttpTimeoutException) {
        return new ProviderException(
            endpoint + " did not answer within " + settings.timeout().toSeconds() + " s",
            true,
            null,
            null);
      }
    }
    // Refused connections, resets, TLS failures: a later attempt may get through. The message of
    // an I/O failure names the host at most, never the request.
    String what = cause == null ? "" : cause.getClass().getSimpleName();
    return new ProviderException(
        endpoint + " could not be reached (" + what + ": " + detail(messageOf(cause)) + ")",
        true,
        null,
        null);
  }

  private static String messageOf(Throwable t) {
    return t == null || t.getMessage() == null ? "" : t.getMessage();
  }

  /**
   * A non-2xx answer: 408, 409, 429 and 5xx may pass (with the provider's Retry-After), other 4xx
   * will not.
   */
  ProviderException failure(String endpoint, int status, HttpHeaders headers, byte[] body) {
    boolean retryable = status == 408 || status == 409 || status == 429 || status >= 500;
    Duration retryAfter =
        retryable
            ? headers.firstValue("Retry-After").map(OpenAiCompatible::retryAfter).orElse(null)
            : null;
    String hint = status == 401 || status == 403 ? " (check LECTERN_AI_API_KEY)" : "";
    String detail = detail(errorMessage(body));
    return new ProviderException(
        endpoint + " answered " + status + hint + (detail.isEmpty() ? "" : ": " + detail),
        retryable,
        retryAfter,
        null);
  }

  /** Retry-After as delta seconds or an HTTP date; null when it is neither. */
  static Duration retryAfter(String value) {
    String v = value.strip();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? null : min(Duration.ofSeconds(seconds));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(Instant.now(), at);
        return d.isNegative() ? Duration.ZERO : min(d);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  private static Duration min(Duration d) {
    return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
  }

  /** The error's own message from an OpenAI-shaped error body, or the start of the body. */
  private static String errorMessage(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    try (JsonReader reader = Jsons.provider().createReader(new ByteArrayInputStream(body))) {
      JsonValue error = reader.readObject().get("error");
      if (error instanceof JsonObject o && o.get("message") instanceof jakarta.json.JsonString m) {
        return m.getString();
      }
      if (error instanceof jakarta.json.JsonString s) {
        return s.getString();
      }
    } catch (JsonException | IllegalStateException | ClassCastException e) {
      // not JSON: the start of the text follows
    }
    return new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
  }

  /** A provider's text made fit for a message: without the API key, one line, short. */
  private String detail(String text) {
    String t = text == null ? "" : text;
    if (settings.apiKey().isPresent() && !settings.apiKey().get().isEmpty()) {
      t = t.replace(settings.apiKey().get(), "[api key]");
    }
    t = t.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    return t.length() > MAX_ERROR_DETAIL ? t.substring(0, MAX_ERROR_DETAIL) + "..." : t;
  }

  private static ProviderException unreadable(String endpoint, String what) {
    return new ProviderException(endpoint + " gave an unusable answer: " + what, false);
  }

  private static JsonObject firstObject(JsonObject answer, String field, String endpoint)
      throws ProviderException {
    JsonArray array = answer.getJsonArray(field);
    if (array == null || array.isEmpty() || !(array.get(0) instanceof JsonObject first)) {
      throw unreadable(endpoint, "no " + field);
    }
    return first;
  }

  private static boolean startsWith(byte[] b, int offset, byte[] prefix) {
    if (b.length < offset + prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** The answer is larger than its cap. */
  private static final class TooLarge extends IOException {
    TooLarge() {
      super("answer too large");
    }
  }

  /**
   * Collects an answer up to a cap: past it, either fails (a 2xx: the answer would be cut) or keeps
   * what it has (an error's body, only read for its message). Cancels the exchange either way, so
   * an endless answer costs at most the cap.
   */
  private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final int cap;
    private final boolean truncate;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    CappedBody(int cap, boolean truncate, HttpHeaders headers) {
      this.cap = cap;
      this.truncate = truncate;
      long declared = headers.firstValueAsLong("Content-Length").orElse(-1);
      if (!truncate && declared > cap) {
        result.completeExceptionally(new TooLarge());
      }
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (result.isDone()) {
        s.cancel();
      } else {
        s.request(1);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : items) {
        int room = cap - out.size();
        if (b.remaining() > room) {
          subscription.cancel();
          if (truncate) {
            byte[] part = new byte[room];
            b.get(part);
            out.write(part, 0, room);
            result.complete(out.toByteArray());
          } else {
            result.completeExceptionally(new TooLarge());
          }
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.write(chunk, 0, chunk.length);
      }
      subscription.request(1);
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(out.toByteArray());
    }
  }

  @Override
  public String toString() {
    return "OpenAiCompatible[" + base + "]";
  }
}
