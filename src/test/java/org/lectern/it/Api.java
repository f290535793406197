package org.lectern.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A small HTTP client for the API, as a REST client author would use it. Every exchange it makes is
 * checked against {@code openapi.yaml} ({@link Contract}).
 */
public final class Api {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private final String base;

  public Api(String base) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** An answer: status, headers and body. */
  public record Response(int status, java.net.http.HttpHeaders headers, String body) {
    public JsonObject json() {
      try (JsonReader r = Json.createReader(new StringReader(body))) {
        return r.readObject();
      }
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    public String contentType() {
      return header("Content-Type");
    }

    public List<JsonObject> items() {
      List<JsonObject> out = new ArrayList<>();
      JsonArray arr = json().getJsonArray("items");
      arr.forEach(v -> out.add(v.asJsonObject()));
      return out;
    }

    public String code() {
      return json().getString("code");
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  /** An answer whose body is binary. */
  public record BinaryResponse(int status, java.net.http.HttpHeaders headers, byte[] body) {
    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  /** A request being built. */
  public final class Call {
    private final HttpRequest.Builder builder;
    private final String method;
    private final String path;
    private final List<String[]> headers = new ArrayList<>();
    private byte[] sent;
    private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

    private Call(String method, String path) {
      this.method = method;
      this.path = path;
      this.builder =
          HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    }

    public Call token(String token) {
      if (token != null) {
        header("Authorization", "Bearer " + token);
      }
      return this;
    }

    public Call header(String name, String value) {
      builder.header(name, value);
      headers.add(new String[] {name, value});
      return this;
    }

    /** Sends {@code Expect: 100-continue}, so a refused body is never sent at all. */
    public Call expectContinue() {
      builder.expectContinue(true);
      return this;
    }

    public Call json(JsonValue json) {
      return raw(json.toString(), "application/json");
    }

    public Call json(String json) {
      return raw(json, "application/json");
    }

    public Call raw(String text, String contentType) {
      return bytes(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), contentType);
    }

    public Call bytes(byte[] data, String contentType) {
      header("Content-Type", contentType);
      sent = data;
      body = HttpRequest.BodyPublishers.ofByteArray(data);
      return this;
    }

    private void check(int status, java.net.http.HttpHeaders answerHeaders, byte[] answer) {
      Contract.check(method, URI.create(path), headers, sent, status, answerHeaders, answer);
    }

    /** Sends and keeps the answer's bytes as they came (downloads). */
    public BinaryResponse sendForBytes() {
      try {
        HttpResponse<byte[]> r =
            HTTP.send(
                builder.method(method, body).build(), HttpResponse.BodyHandlers.ofByteArray());
        check(r.statusCode(), r.headers(), r.body());
        return new BinaryResponse(r.statusCode(), r.headers(), r.body());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    public Response send() {
      try {
        HttpResponse<String> r =
            HTTP.send(builder.method(method, body).build(), HttpResponse.BodyHandlers.ofString());
        check(
            r.statusCode(),
            r.headers(),
            r.body() == null ? null : r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new Response(r.statusCode(), r.headers(), r.body());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  public Call get(String path) {
    return new Call("GET", path);
  }

  public Call post(String path) {
    return new Call("POST", path);
  }

  public Call put(String path) {
    return new Call("PUT", path);
  }

  public Call patch(String path) {
    return new Call("PATCH", path);
  }

  public Call delete(String path) {
    return new Call("DELETE", path);
  }

  public String base() {
    return base;
  }

  /** A JSON array body (lists that are not paged). */
  public static JsonArray parseArray(String body) {
    try (var reader = Json.createReader(new java.io.StringReader(body))) {
      return reader.readArray();
    }
  }

  /** JSON object literal helper: {@code obj("title", "x", "difficulty", "beginner")}. */
  public static JsonObject obj(Object... kv) {
    var b = Json.createObjectBuilder();
    for (int i = 0; i < kv.length; i += 2) {
      String k = (String) kv[i];
      Object v = kv[i + 1];
      if (v == null) {
        b.addNull(k);
      } else if (v instanceof String s) {
        b.add(k, s);
      } else if (v instanceof Integer n) {
        b.add(k, n);
      } else if (v instanceof Boolean bool) {
        b.add(k, bool);
      } else if (v instanceof JsonValue j) {
        b.add(k, j);
      } else if (v instanceof List<?> list) {
        var arr = Json.createArrayBuilder();
        for (Object o : list) {
          if (o instanceof JsonValue jv) {
            arr.add(jv);
          } else {
            arr.add(o.toString());
          }
        }
        b.add(k, arr);
      } else {
        b.add(k, v.toString());
      }
    }
    return b.build();
  }
}
