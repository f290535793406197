package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.lectern.it.Operations.Op;
import org.lectern.media.AudioSamples;

/**
 * The attack suite: every operation of {@code openapi.yaml}, read from the document on each run, is
 * attacked as an outsider would: another school's ids in its path, body and query; malformed bodies
 * and query parameters; forged tokens and the token of a suspended school. A new endpoint is
 * attacked as soon as it is documented; one whose objects or id fields the suite cannot make fails,
 * naming what to add to {@link World}.
 */
class AttackIT extends ApiTestBase {

  private static final String[] LEAKS = {
    "org.lectern", "java.", "jakarta.", "Exception", "SELECT ", "INSERT ", "PSQL"
  };
  private static final long MAX_MILLIS = 5_000;
  private static final byte[] WAV = AudioSamples.wav(1, 8000);

  /** Made once per run and shared by every dynamic test. */
  private static World victim;

  private static World attacker;
  private static Schools.School spare;

  private void worlds() {
    if (victim == null) {
      victim = new World(api, schools);
      attacker = new World(api, schools);
      spare = schools.newSchool();
    }
  }

  // ------------------------------------------------------------------ 1. another school's ids

  @TestFactory
  Stream<DynamicNode> anotherSchoolsIdsAre404AndChangeNothing() throws Exception {
    worlds();
    World a = victim;
    World b = attacker;
    Map<String, String> before = a.snapshot();
    List<DynamicNode> tests = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Op op : Operations.all()) {
      if (op.template().startsWith("/api/platform/")) {
        skipped.add(op + ": platform operation; a tenant id is not a school's object");
        continue;
      }
      if (!op.needsToken()) {
        skipped.add(op + ": needs no token and names no school's object");
        continue;
      }
      boolean pathIds = op.template().contains("{id}") || op.template().contains("{userId}");
      List<String> bodyIds = idFields(op);
      List<Parameter> queryIds = op.in("query").stream().filter(AttackIT::isUuid).toList();
      if (pathIds) {
        tests.add(
            dynamicTest(
                "path ids: " + op,
                () -> {
                  for (String role : List.of("admin", "teacher")) {
                    String token = b.token(role);
                    Api.Response r =
                        send(op, a.path(op.template()), query(op, a), token, body(op, a));
                    if (r.status() == 403 && role.equals("teacher")) {
                      // Not allowed at all is fine when it is the answer for an id that exists
                      // nowhere.
                      String nowhere =
                          a.path(op.template())
                              .replace(
                                  a.ids.get(World.kindOf(op.template())),
                                  UUID.randomUUID().toString());
                      Api.Response unknown = send(op, nowhere, query(op, a), token, body(op, a));
                      assertEquals(
                          unknown.status(), r.status(), () -> role + ": " + r + " but " + unknown);
                      assertEquals(
                          unknown.code(), r.code(), () -> role + ": " + r + " but " + unknown);
                    } else {
                      assertEquals(404, r.status(), () -> role + " of another school: " + r);
                    }
                  }
                  assertEquals(before, a.snapshot(), "the victim school's rows changed");
                }));
      }
      if (!bodyIds.isEmpty() || !queryIds.isEmpty()) {
        tests.add(
            dynamicTest(
                "body/query ids "
                    + bodyIds
                    + queryIds.stream().map(Parameter::getName).toList()
                    + ": "
                    + op,
                () -> {
                  String path = b.path(op.template());
                  Map<String, String> q = query(op, b);
                  queryIds.forEach(
                      p ->
                          q.put(
                              p.getName(),
                              a.ids.get(World.kindOfField(op.template(), p.getName()))));
                  JsonObject body = op.jsonSchema() == null ? null : withIds(op, op.example(), a);
                  Api.Response r = send(op, path, q, b.token("admin"), body);
                  if (r.status() < 300) {
                    assertTrue(
                        op.method().equals("GET") && bodyIds.isEmpty(),
                        () -> "another school's ids accepted: " + r);
                    for (String id : a.allIds()) {
                      assertFalse(
                          r.body().contains(id), () -> "another school's id " + id + " in " + r);
                    }
                  } else {
                    assertTrue(r.status() >= 400 && r.status() < 500, r::toString);
                  }
                  assertEquals(before, a.snapshot(), "the victim school's rows changed");
                }));
      }
      if (!pathIds && bodyIds.isEmpty() && queryIds.isEmpty()) {
        skipped.add(op + ": names no object by id (path, body or query)");
      }
    }
    System.out.println(
        "AttackIT ids: "
            + tests.size()
            + " tests; not applicable:\n  "
            + String.join("\n  ", skipped));
    tests.add(
        dynamicTest(
            "the victim's objects are intact",
            () -> {
              assertEquals(before, a.snapshot());
              Api.Response r =
                  api.get("/api/stories/" + a.ids.get("story")).token(a.school.adminToken()).send();
              assertEquals(200, r.status(), r::toString);
            }));
    return tests.stream();
  }

  /**
   * Top-level request fields whose values are ids (a uuid, or a list of them) of objects; a UUID
   * the client mints itself ({@code x-client-generated: true} in the document, such as a review id)
   * names none.
   */
  private static List<String> idFields(Op op) {
    List<String> out = new ArrayList<>();
    op.fields()
        .forEach(
            (name, s) -> {
              boolean minted =
                  s.getExtensions() != null
                      && Boolean.TRUE.equals(s.getExtensions().get("x-client-generated"));
              if (!minted
                  && (isUuid(s) || "array".equals(Operations.type(s)) && isUuid(s.getItems()))) {
                out.add(name);
              }
            });
    return out;
  }

  private static boolean isUuid(Parameter p) {
    return isUuid(p.getSchema());
  }

  private static boolean isUuid(Schema<?> s) {
    return s != null && "uuid".equals(s.getFormat());
  }

  /** The example body with each id field naming this school's object of its kind. */
  private static JsonObject withIds(Op op, JsonObject example, World w) {
    JsonObjectBuilder b = Json.createObjectBuilder(example);
    for (String field : idFields(op)) {
      String id = w.ids.get(World.kindOfField(op.template(), field));
      Schema<?> s = op.fields().get(field);
      if ("array".equals(Operations.type(s))) {
        b.add(field, Json.createArrayBuilder().add(id));
      } else {
        b.add(field, id);
      }
    }
    return b.build();
  }

  private static JsonObject body(Op op, World w) {
    return op.jsonSchema() == null ? null : withIds(op, op.example(), w);
  }

  /** Valid values for the required query parameters. */
  private static Map<String, String> query(Op op, World w) {
    Map<String, String> q = new LinkedHashMap<>();
    for (Parameter p : op.in("query")) {
      if (Boolean.TRUE.equals(p.getRequired())) {
        Schema<?> s = p.getSchema();
        if (s.getEnum() != null && !s.getEnum().isEmpty()) {
          q.put(p.getName(), String.valueOf(s.getEnum().get(0)));
        } else if (p.getExample() != null) {
          q.put(p.getName(), String.valueOf(p.getExample()));
        } else {
          throw new AssertionError(
              op + ": no value for the required query parameter " + p.getName());
        }
      }
    }
    return q;
  }

  // ------------------------------------------------------------------ 2. malformed input

  @TestFactory
  Stream<DynamicNode> malformedInputIsAClean4xxInBoundedTime() {
    worlds();
    World b = attacker;
    List<DynamicNode> out = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Op op : Operations.all()) {
      String path = path(op, b);
      Supplier<String> token = () -> token(op, b);
      List<DynamicNode> tests = new ArrayList<>();
      if (op.jsonSchema() != null) {
        JsonObject base = withIds(op, op.example(), b);
        tests.add(malformed("not JSON", op, path, token, "{\"not\": json"));
        op.fields()
            .forEach(
                (field, s) -> {
                  JsonValue wrong = wrongType(s);
                  if (wrong != null) {
                    tests.add(
                        malformed(
                            "wrong type in " + field,
                            op,
                            path,
                            token,
                            with(base, field, wrong).toString()));
                  }
                  String type = Operations.type(s);
                  if ("string".equals(type)) {
                    tests.add(
                        malformed(
                            "NUL in " + field,
                            op,
                            path,
                            token,
                            with(base, field, Json.createValue("bad\u0000value")).toString()));
                    tests.add(
                        malformed(
                            "200,001 characters (one past the largest maxLength) in " + field,
                            op,
                            path,
                            token,
                            with(base, field, Json.createValue("x".repeat(200_001))).toString()));
                  }
                  if ("array".equals(type)) {
                    JsonValue item = item(base.get(field), s.getItems());
                    JsonArrayBuilder many = Json.createArrayBuilder();
                    for (int i = 0; i < 10_000; i++) {
                      many.add(item);
                    }
                    tests.add(
                        malformed(
                            "10,000 items in " + field,
                            op,
                            path,
                            token,
                            with(base, field, many.build()).toString()));
                  }
                });
        op.nestedFields()
            .forEach(
                (path2, s) -> {
                  JsonValue wrong = wrongType(s);
                  if (wrong != null) {
                    tests.add(
                        malformed(
                            "wrong type in " + path2,
                            op,
                            path,
                            token,
                            withNested(base, path2, wrong).toString()));
                  }
                  if ("string".equals(Operations.type(s))) {
                    tests.add(
                        malformed(
                            "NUL in " + path2,
                            op,
                            path,
                            token,
                            withNested(base, path2, Json.createValue("bad\u0000value"))
                                .toString()));
                    tests.add(
                        malformed(
                            "200,001 characters in " + path2,
                            op,
                            path,
                            token,
                            withNested(base, path2, Json.createValue("x".repeat(200_001)))
                                .toString()));
                  }
                });
        JsonObjectBuilder keys = Json.createObjectBuilder(base);
        for (int i = 0; i < 2_000; i++) {
          keys.add("unknown" + i, i);
        }
        tests.add(malformed("2,000 unknown keys", op, path, token, keys.build().toString()));
        String field = op.fields().isEmpty() ? "x" : op.fields().keySet().iterator().next();
        String deep = "[".repeat(100) + "]".repeat(100);
        String nested =
            base.containsKey(field)
                ? with(base, field, JsonValue.NULL)
                    .toString()
                    .replace("\"" + field + "\":null", "\"" + field + "\":" + deep)
                : "{\"" + field + "\":" + deep + "}";
        tests.add(malformed("nesting 100 deep in " + field, op, path, token, nested));
      }
      for (Parameter p : op.in("query")) {
        String garbage = garbage(p);
        if (garbage == null) {
          skipped.add(op + " ?" + p.getName() + ": any text is a valid value");
          continue;
        }
        tests.add(
            dynamicTest(
                "garbage ?" + p.getName() + "=" + abbreviate(garbage),
                () -> {
                  Map<String, String> q = query(op, b);
                  q.put(p.getName(), garbage);
                  Api.Response r =
                      send(
                          op,
                          path,
                          q,
                          token.get(),
                          op.jsonSchema() == null ? null : withIds(op, op.example(), b));
                  assertEquals(400, r.status(), r::toString);
                  clean(r);
                }));
      }
      if (!tests.isEmpty()) {
        out.add(dynamicContainer(op.toString(), tests));
      }
    }
    System.out.println(
        "AttackIT malformed: "
            + out.size()
            + " operations; not applicable:\n  "
            + String.join("\n  ", skipped));
    return out.stream();
  }

  private DynamicNode malformed(
      String name, Op op, String path, Supplier<String> token, String body) {
    return dynamicTest(
        name,
        () -> {
          Api.Response r = send(op, path, query(op, attacker), token.get(), body);
          assertTrue(
              r.status() >= 400 && r.status() < 500, () -> name + ": " + abbreviate(r.toString()));
          clean(r);
        });
  }

  private static JsonObject with(JsonObject base, String field, JsonValue value) {
    return Json.createObjectBuilder(base).add(field, value).build();
  }

  /**
   * {@code base} with {@code value} one level down: {@code "field.sub"} in the object at {@code
   * field}, {@code "field[].sub"} in a one-item list at {@code field}, both taken from the example
   * where it has them.
   */
  private static JsonObject withNested(JsonObject base, String path, JsonValue value) {
    boolean list = path.contains("[].");
    String field = path.substring(0, path.indexOf(list ? "[]." : "."));
    String sub = path.substring(path.indexOf('.') + 1);
    JsonValue current = base.get(field);
    if (list) {
      JsonObject item =
          current instanceof JsonArray a && !a.isEmpty() && a.get(0) instanceof JsonObject o
              ? o
              : JsonValue.EMPTY_JSON_OBJECT;
      return with(base, field, Json.createArrayBuilder().add(with(item, sub, value)).build());
    }
    JsonObject object = current instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
    return with(base, field, with(object, sub, value));
  }

  private static JsonValue wrongType(Schema<?> s) {
    String type = Operations.type(s);
    if (type == null) {
      return null;
    }
    return switch (type) {
      case "string" -> Api.obj("an", "object");
      case "integer", "number" -> Json.createValue("seven");
      case "boolean" -> Json.createValue("yes");
      case "array" -> Json.createValue("not a list");
      case "object" -> Json.createValue(42);
      default -> null;
    };
  }

  private static JsonValue item(JsonValue example, Schema<?> items) {
    if (example != null
        && example.getValueType() == JsonValue.ValueType.ARRAY
        && !example.asJsonArray().isEmpty()) {
      return example.asJsonArray().get(0);
    }
    String type = Operations.type(items);
    if (isUuid(items)) {
      return Json.createValue(UUID.randomUUID().toString());
    }
    if ("integer".equals(type) || "number".equals(type)) {
      return Json.createValue(1);
    }
    if ("object".equals(type)) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    return Json.createValue("x");
  }

  /** A value the parameter's schema forbids, or null when every text is valid. */
  private static String garbage(Parameter p) {
    Schema<?> s = p.getSchema();
    String type = Operations.type(s);
    if (s.getEnum() != null && !s.getEnum().isEmpty()) {
      return "no-such-value";
    }
    if ("integer".equals(type) || "number".equals(type)) {
      return "seven";
    }
    if ("boolean".equals(type)) {
      return "maybe";
    }
    if (s.getFormat() != null) {
      return "not-a-" + s.getFormat();
    }
    if (s.getMaxLength() != null) {
      return "x".repeat(s.getMaxLength() + 1);
    }
    if ("cursor".equals(p.getName())) {
      return "not-a-cursor";
    }
    return null;
  }

  // ------------------------------------------------------------------ 3. forged tokens

  @TestFactory
  Stream<DynamicNode> forgedTokensAre401() throws Exception {
    worlds();
    World b = attacker;
    Schools.Person victimOfForgery = schools.person(b.school, "teacher");
    SignedJWT real = SignedJWT.parse(victimOfForgery.token());
    JWTClaimsSet claims = real.getJWTClaimsSet();
    String kid = real.getHeader().getKeyID();
    RSAPrivateKey key = RotationKey.privateKey(false);
    Instant now = Instant.now();
    Map<String, String> forged = new LinkedHashMap<>();
    String[] parts = victimOfForgery.token().split("\\.");
    forged.put(
        "alg none",
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[1]
            + ".");
    RSAPublicKey pub =
        JWKSet.parse(api.get("/.well-known/jwks.json").send().body())
            .getKeyByKeyId(kid)
            .toRSAKey()
            .toRSAPublicKey();
    SignedJWT hs =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID(kid).build(),
            claims);
    hs.sign(
        new MACSigner(
            RotationKey.pem("PUBLIC KEY", pub.getEncoded()).getBytes(StandardCharsets.UTF_8)));
    forged.put("HS256 signed with the public key", hs.serialize());
    forged.put(
        "expired",
        sign(
            key,
            kid,
            new JWTClaimsSet.Builder(claims)
                .issueTime(Date.from(now.minusSeconds(7200)))
                .expirationTime(Date.from(now.minusSeconds(3600)))
                .build()));
    forged.put(
        "nbf in the future",
        sign(
            key,
            kid,
            new JWTClaimsSet.Builder(claims)
                .notBeforeTime(Date.from(now.plusSeconds(600)))
                .build()));
    forged.put(
        "wrong issuer",
        sign(key, kid, new JWTClaimsSet.Builder(claims).issuer("https://evil.example").build()));
    forged.put(
        "wrong audience",
        sign(key, kid, new JWTClaimsSet.Builder(claims).audience("another-app").build()));
    forged.put("unknown kid", sign(key, "no-such-kid", claims));

    // A suspended school's users keep tokens issued before; the document answers them 403
    // tenant.suspended on everything.
    Schools.Person suspendedTeacher = schools.person(spare, "teacher");
    Api.Response suspend =
        api.post("/api/platform/tenants/" + spare.id() + "/suspend")
            .token(schools.rootToken())
            .send();
    assertEquals(200, suspend.status(), suspend::toString);
    List<String> suspendedTokens = List.of(spare.adminToken(), suspendedTeacher.token());

    List<DynamicNode> out = new ArrayList<>();
    int[] turn = {0};
    for (Op op : Operations.all()) {
      if (!op.needsToken()) {
        continue;
      }
      String path = path(op, b);
      JsonObject body = op.jsonSchema() == null ? null : withIds(op, op.example(), b);
      List<DynamicNode> tests = new ArrayList<>();
      forged.forEach(
          (name, token) ->
              tests.add(
                  dynamicTest(
                      name,
                      () -> {
                        Api.Response r = send(op, path, query(op, b), token, body);
                        assertEquals(401, r.status(), r::toString);
                        clean(r);
                      })));
      tests.add(
          dynamicTest(
              "a suspended school's token",
              () -> {
                String token = suspendedTokens.get(turn[0]++ % 2);
                Api.Response r = send(op, path, query(op, b), token, body);
                assertEquals(403, r.status(), r::toString);
                clean(r);
                if (!op.template().startsWith("/api/platform/")) {
                  assertEquals("tenant.suspended", r.code(), r::toString);
                }
              }));
      out.add(dynamicContainer(op.toString(), tests));
    }
    return out.stream();
  }

  private static String sign(RSAPrivateKey key, String kid, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid).build(),
            claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  // ------------------------------------------------------------------ calls

  /** Platform paths name the spare school, so a call that wrongly succeeds harms no other. */
  private static String path(Op op, World w) {
    return op.template().startsWith("/api/platform/")
        ? op.template().replace("{id}", spare.id())
        : w.path(op.template());
  }

  private String token(Op op, World w) {
    if (!op.needsToken()) {
      return null;
    }
    return op.template().startsWith("/api/platform/") ? schools.rootToken() : w.token("admin");
  }

  private Api.Response send(
      Op op, String path, Map<String, String> query, String token, Object body) {
    StringBuilder uri = new StringBuilder(path);
    char sep = '?';
    for (Map.Entry<String, String> e : query.entrySet()) {
      uri.append(sep)
          .append(e.getKey())
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    Api.Call call =
        switch (op.method()) {
          case "GET" -> api.get(uri.toString());
          case "POST" -> api.post(uri.toString());
          case "PUT" -> api.put(uri.toString());
          case "PATCH" -> api.patch(uri.toString());
          case "DELETE" -> api.delete(uri.toString());
          default -> throw new AssertionError("method " + op.method());
        };
    // An address of its own per call, so the sign-in throttle per address never answers instead.
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    call.token(token)
        .header(
            "X-Forwarded-For",
            "10." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(1, 255));
    if (body != null) {
      call.json(body.toString());
    } else if (op.binaryBody()) {
      call.bytes(WAV, "audio/wav");
    }
    long start = System.nanoTime();
    Api.Response r = call.send();
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < MAX_MILLIS, () -> op + " took " + millis + " ms");
    assertTrue(r.status() < 500, () -> op + ": " + abbreviate(r.toString()));
    return r;
  }

  /** A problem document with no class name or SQL in it. */
  private static void clean(Api.Response r) {
    String type = r.contentType();
    assertTrue(type != null && type.startsWith("application/problem+json"), () -> "" + r);
    for (String leak : LEAKS) {
      assertFalse(r.body().contains(leak), () -> "'" + leak + "' in " + abbreviate(r.body()));
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "... (" + s.length() + " chars)" : s;
  }
}
