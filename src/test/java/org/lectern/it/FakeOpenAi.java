package org.lectern.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import javax.imageio.ImageIO;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.lectern.media.AudioSamples;

/**
 * A local fake of the OpenAI-compatible API, an HTTP server in the test JVM: {@code POST
 * /v1/chat/completions}, {@code /v1/images/generations} (a tiny valid PNG as {@code b64_json}),
 * {@code /v1/audio/speech} (a valid WAV about 0.4 s a word) and {@code /v1/moderations} (flags any
 * input holding {@link #FLAG_MARKER}), with answers in OpenAI's shape. It checks the bearer key,
 * logs every call, and takes scripts: fail the next calls of an endpoint with a status (and a
 * Retry-After), answer the next call with given bytes, delay answers.
 *
 * <p>The integration-test run starts one ({@link #instance()}, through {@link Session}) before
 * Arquillian boots Payara Micro, and hands its address and key to the server as {@code
 * lectern.ai.base-url} and {@code lectern.ai.api-key} (arquillian.xml). Unit tests start their own
 * with {@link #start()}.
 */
public final class FakeOpenAi implements AutoCloseable {

  /** The key the shared fake expects as {@code Authorization: Bearer}. */
  public static final String API_KEY = "fake-openai-test-key";

  /** Moderation flags any input holding this (any case), as category {@code violence}. */
  public static final String FLAG_MARKER = "fake-flagged-topic";

  public static final String CHAT = "/chat/completions";
  public static final String IMAGES = "/images/generations";
  public static final String SPEECH = "/audio/speech";
  public static final String MODERATIONS = "/moderations";

  private static final Set<String> ENDPOINTS = Set.of(CHAT, IMAGES, SPEECH, MODERATIONS);
  private static final Set<String> SIZES = Set.of("256x256", "512x512", "1024x1024");
  private static final List<String> CATEGORIES =
      List.of(
          "harassment",
          "harassment/threatening",
          "hate",
          "hate/threatening",
          "illicit",
          "illicit/violent",
          "self-harm",
          "self-harm/intent",
          "self-harm/instructions",
          "sexual",
          "sexual/minors",
          "violence",
          "violence/graphic");
  private static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;

  /** One call as the fake saw it: its endpoint, its JSON body, and whether the key was right. */
  public record Call(String endpoint, JsonObject body, boolean authorized, Instant at) {}

  /** A scripted answer: a status, an optional Retry-After, a content type and the body. */
  private record Scripted(int status, Integer retryAfterSeconds, String contentType, byte[] body) {}

  private static FakeOpenAi shared;

  private final HttpServer server;
  private final ExecutorService executor;
  private final String apiKey;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Scripted>> scripts = new ConcurrentHashMap<>();
  private final Map<String, Duration> delays = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private volatile BiFunction<String, String, String> chat = FakeOpenAi::defaultChat;

  private FakeOpenAi(int port, String apiKey) throws IOException {
    this.apiKey = apiKey;
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fake-openai");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/v1/", this::handle);
    server.start();
  }

  /** A fake of its own on a free port, expecting {@link #API_KEY}; close it after the test. */
  public static FakeOpenAi start() {
    return start(0, API_KEY);
  }

  public static FakeOpenAi start(int port, String apiKey) {
    try {
      return new FakeOpenAi(port, apiKey);
    } catch (IOException e) {
      throw new UncheckedIOException("FakeOpenAi could not listen on port " + port, e);
    }
  }

  /**
   * The run's shared fake, which the deployed server talks to: on {@code lectern.it.ai.port} when
   * set, else a free port.
   */
  public static synchronized FakeOpenAi instance() {
    if (shared == null) {
      shared = start(Integer.getInteger("lectern.it.ai.port", 0), API_KEY);
    }
    return shared;
  }

  /** The base URL as the application takes it, with the API version: {@code http://.../v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  public String apiKey() {
    return apiKey;
  }

  // Scripts

  /** The next {@code times} calls of the endpoint answer {@code status} with an OpenAI error. */
  public void failNext(String endpoint, int times, int status) {
    script(endpoint, times, status, null);
  }

  /** Like {@link #failNext(String, int, int)}, with {@code Retry-After: seconds}. */
  public void failNext(String endpoint, int times, int status, int retryAfterSeconds) {
    script(endpoint, times, status, retryAfterSeconds);
  }

  private void script(String endpoint, int times, int status, Integer retryAfter) {
    byte[] body =
        error("Fake failure " + status, status == 429 ? "rate_limit_exceeded" : "server_error");
    for (int i = 0; i < times; i++) {
      queue(endpoint).add(new Scripted(status, retryAfter, "application/json", body));
    }
  }

  /** The next call of the endpoint answers exactly these bytes (oversize, garbage, ...). */
  public void answerNext(String endpoint, int status, String contentType, byte[] body) {
    queue(endpoint).add(new Scripted(status, null, contentType, body));
  }

  /** Every call of the endpoint waits this long before answering (to keep a job running). */
  public void delay(String endpoint, Duration delay) {
    checkEndpoint(endpoint);
    delays.put(endpoint, delay);
  }

  /** What chat completions answer: (system instructions, user prompt) to the message content. */
  public void chatAnswers(BiFunction<String, String, String> responder) {
    chat = responder;
  }

  /** Forgets scripts, delays, the chat responder and the call log. */
  public void reset() {
    scripts.clear();
    delays.clear();
    calls.clear();
    chat = FakeOpenAi::defaultChat;
  }

  /** Every call since the start or the last reset, in order. */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> calls(String endpoint) {
    return calls.stream().filter(c -> c.endpoint().equals(endpoint)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private Deque<Scripted> queue(String endpoint) {
    checkEndpoint(endpoint);
    return scripts.computeIfAbsent(endpoint, e -> new ConcurrentLinkedDeque<>());
  }

  private static void checkEndpoint(String endpoint) {
    if (!ENDPOINTS.contains(endpoint)) {
      throw new IllegalArgumentException("FakeOpenAi has no endpoint " + endpoint);
    }
  }

  private static String defaultChat(String instructions, String prompt) {
    String start = prompt.length() > 200 ? prompt.substring(0, 200) : prompt;
    return "A short answer about: " + start;
  }

  // Serving

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String endpoint = exchange.getRequestURI().getPath().substring("/v1".length());
      byte[] raw;
      try (InputStream in = exchange.getRequestBody()) {
        raw = in.readNBytes(MAX_REQUEST_BYTES + 1);
      }
      JsonObject body;
      try (JsonReader reader = Json.createReader(new ByteArrayInputStream(raw))) {
        body = reader.readObject();
      } catch (JsonException | IllegalStateException e) {
        body = null;
      }
      boolean authorized =
          ("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization"));
      calls.add(
          new Call(
              endpoint,
              body == null ? JsonValue.EMPTY_JSON_OBJECT : body,
              authorized,
              Instant.now()));
      pause(delays.get(endpoint));
      Deque<Scripted> queue = scripts.get(endpoint);
      Scripted scripted = queue == null ? null : queue.poll();
      if (scripted != null) {
        if (scripted.retryAfterSeconds() != null) {
          exchange.getResponseHeaders().set("Retry-After", scripted.retryAfterSeconds().toString());
        }
        send(exchange, scripted.status(), scripted.contentType(), scripted.body());
        return;
      }
      if (!ENDPOINTS.contains(endpoint)) {
        sendError(exchange, 404, "Unknown endpoint " + endpoint, "not_found");
      } else if (!"POST".equals(exchange.getRequestMethod())) {
        sendError(exchange, 405, "Use POST", "method_not_allowed");
      } else if (!authorized) {
        sendError(exchange, 401, "Incorrect API key provided.", "invalid_api_key");
      } else if (raw.length > MAX_REQUEST_BYTES || body == null) {
        sendError(exchange, 400, "The body must be a JSON object", "invalid_request_error");
      } else {
        answer(exchange, endpoint, body);
      }
    }
  }

  private void answer(HttpExchange exchange, String endpoint, JsonObject body) throws IOException {
    String model = body.getString("model", "");
    if (model.isEmpty()) {
      sendError(exchange, 400, "you must provide a model parameter", "invalid_request_error");
      return;
    }
    switch (endpoint) {
      case CHAT -> chat(exchange, model, body);
      case IMAGES -> image(exchange, body);
      case SPEECH -> speech(exchange, body);
      default -> moderation(exchange, model, body);
    }
  }

  private void chat(HttpExchange exchange, String model, JsonObject body) throws IOException {
    JsonArray messages = body.getJsonArray("messages");
    if (messages == null || messages.isEmpty()) {
      sendError(exchange, 400, "messages must be a non-empty array", "invalid_request_error");
      return;
    }
    StringBuilder system = new StringBuilder();
    StringBuilder user = new StringBuilder();
    for (JsonValue v : messages) {
      JsonObject m = v.asJsonObject();
      ("system".equals(m.getString("role", "")) ? system : user).append(m.getString("content", ""));
    }
    String content = chat.apply(system.toString(), user.toString());
    JsonObject answer =
        Json.createObjectBuilder()
            .add("id", "chatcmpl-fake-" + ids.incrementAndGet())
            .add("object", "chat.completion")
            .add("created", Instant.now().getEpochSecond())
            .add("model", model)
            .add(
                "choices",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add("index", 0)
                            .add(
                                "message",
                                Json.createObjectBuilder()
                                    .add("role", "assistant")
                                    .add("content", content)
                                    .addNull("refusal"))
                            .addNull("logprobs")
                            .add("finish_reason", "stop")))
            .add(
                "usage",
                Json.createObjectBuilder()
                    .add("prompt_tokens", words(system + " " + user))
                    .add("completion_tokens", words(content))
                    .add("total_tokens", words(system + " " + user) + words(content)))
            .build();
    sendJson(exchange, 200, answer);
  }

  private void image(HttpExchange exchange, JsonObject body) throws IOException {
    String prompt = body.getString("prompt", "");
    String size = body.getString("size", "1024x1024");
    String format = body.getString("response_format", "url");
    if (prompt.isBlank() || !SIZES.contains(size)) {
      sendError(
          exchange,
          400,
          "a prompt and a size of " + SIZES + " are required",
          "invalid_request_error");
      return;
    }
    if (!format.equals("b64_json")) {
      sendError(
          exchange, 400, "the fake answers response_format b64_json only", "invalid_request_error");
      return;
    }
    JsonObject answer =
        Json.createObjectBuilder()
            .add("created", Instant.now().getEpochSecond())
            .add(
                "data",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add("b64_json", Base64.getEncoder().encodeToString(png()))
                            .add("revised_prompt", "An illustration: " + prompt)))
            .build();
    sendJson(exchange, 200, answer);
  }

  private void speech(HttpExchange exchange, JsonObject body) throws IOException {
    String input = body.getString("input", "");
    String format = body.getString("response_format", "mp3");
    if (input.isBlank() || body.getString("voice", "").isBlank()) {
      sendError(exchange, 400, "input and voice are required", "invalid_request_error");
      return;
    }
    if (!format.equals("wav")) {
      sendError(
          exchange, 400, "the fake answers response_format wav only", "invalid_request_error");
      return;
    }
    int seconds = (int) Math.min(600, Math.max(1, Math.ceil(words(input) * 0.4)));
    send(exchange, 200, "audio/wav", AudioSamples.wav(seconds, 16_000));
  }

  private void moderation(HttpExchange exchange, String model, JsonObject body) throws IOException {
    JsonValue input = body.get("input");
    JsonArrayBuilder results = Json.createArrayBuilder();
    if (input instanceof JsonString s) {
      results.add(moderationResult(s.getString()));
    } else if (input instanceof JsonArray array && !array.isEmpty()) {
      for (JsonValue v : array) {
        results.add(moderationResult(v instanceof JsonString s ? s.getString() : ""));
      }
    } else {
      sendError(
          exchange, 400, "input must be a string or an array of strings", "invalid_request_error");
      return;
    }
    JsonObject answer =
        Json.createObjectBuilder()
            .add("id", "modr-fake-" + ids.incrementAndGet())
            .add("model", model)
            .add("results", results)
            .build();
    sendJson(exchange, 200, answer);
  }

  private static JsonObjectBuilder moderationResult(String text) {
    boolean flagged = text.toLowerCase(Locale.ROOT).contains(FLAG_MARKER);
    JsonObjectBuilder categories = Json.createObjectBuilder();
    JsonObjectBuilder scores = Json.createObjectBuilder();
    for (String c : CATEGORIES) {
      boolean hit = flagged && c.equals("violence");
      categories.add(c, hit);
      scores.add(c, hit ? 0.91 : 0.0001);
    }
    return Json.createObjectBuilder()
        .add("flagged", flagged)
        .add("categories", categories)
        .add("category_scores", scores);
  }

  // Answers

  private static void sendJson(HttpExchange exchange, int status, JsonObject body)
      throws IOException {
    send(exchange, status, "application/json", body.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void sendError(HttpExchange exchange, int status, String message, String code)
      throws IOException {
    send(exchange, status, "application/json", error(message, code));
  }

  private static byte[] error(String message, String code) {
    return Json.createObjectBuilder()
        .add(
            "error",
            Json.createObjectBuilder()
                .add("message", message)
                .add("type", "invalid_request_error")
                .addNull("param")
                .add("code", code))
        .build()
        .toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static void pause(Duration delay) {
    if (delay == null) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int words(String text) {
    String t = text.strip();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }

  /** An 8x8 PNG, drawn by ImageIO so it is valid whatever reads it. */
  public static byte[] png() {
    BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < 8; x++) {
      for (int y = 0; y < 8; y++) {
        image.setRGB(x, y, (x + y) % 2 == 0 ? 0x3366CC : 0xFFCC00);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Starts the shared fake for the integration-test run, before Arquillian reads arquillian.xml,
   * and publishes {@code lectern.it.ai.baseUrl} and {@code lectern.it.ai.apiKey} for it.
   */
  public static final class Session implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
      if (!Boolean.getBoolean("lectern.it")) {
        return;
      }
      FakeOpenAi fake = instance();
      System.setProperty("lectern.it.ai.baseUrl", fake.baseUrl());
      System.setProperty("lectern.it.ai.apiKey", fake.apiKey());
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
      synchronized (FakeOpenAi.class) {
        if (shared != null) {
          shared.close();
          shared = null;
        }
      }
    }
  }
}
