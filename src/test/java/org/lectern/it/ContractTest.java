package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The check every IT call goes through ({@link Contract}) refuses what the document does not say.
 */
class ContractTest {

  private static final String ME =
      """
      {"id":"0190f3c2-7d1e-7a44-9b1a-3c5e2f0a1b2c","email":"a@b.test","displayName":"A",
       "roles":["admin"],"platform":false,"tenant":null,"profile":null}""";

  private static HttpHeaders headers(String contentType) {
    return HttpHeaders.of(
        Map.of("Content-Type", List.of(contentType), "X-Request-Id", List.of("r1")),
        (a, b) -> true);
  }

  private static void me(int status, String contentType, String body) {
    Contract.check(
        "GET",
        URI.create("/api/me"),
        List.<String[]>of(new String[] {"Authorization", "Bearer x"}),
        null,
        status,
        headers(contentType),
        body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aDocumentedAnswerPasses() {
    assertDoesNotThrow(
        () ->
            me(
                401,
                "application/problem+json",
                "{\"type\":\"https://lectern.dev/problems/auth.unauthenticated\",\"title\":\"Unauthorized\","
                    + "\"status\":401,\"code\":\"auth.unauthenticated\",\"detail\":\"x\"}"));
  }

  @Test
  void anUndocumentedFieldFails() {
    var e =
        assertThrows(
            AssertionError.class,
            () ->
                me(
                    401,
                    "application/problem+json",
                    "{\"type\":\"https://lectern.dev/problems/x\",\"title\":\"U\",\"status\":401,"
                        + "\"code\":\"x\",\"detail\":\"x\",\"stackTrace\":\"at Foo\"}"));
    assertTrue(e.getMessage().contains("stackTrace"), e.getMessage());
  }

  @Test
  void anUndocumentedStatusFails() {
    assertThrows(AssertionError.class, () -> me(418, "application/problem+json", "{}"));
  }

  @Test
  void anUndocumentedContentTypeFails() {
    assertThrows(AssertionError.class, () -> me(401, "text/html", "<h1>401</h1>"));
  }

  @Test
  void aProblemWithoutItsRequiredFieldsFails() {
    assertThrows(
        AssertionError.class, () -> me(401, "application/problem+json", "{\"status\":401}"));
  }

  @Test
  void aRequestTheServerAcceptedIsCheckedToo() {
    assertThrows(
        AssertionError.class,
        () ->
            Contract.check(
                "POST",
                URI.create("/api/auth/token"),
                List.<String[]>of(new String[] {"Content-Type", "application/json"}),
                "{\"email\":\"a@b.test\",\"password\":\"p\",\"extra\":1}"
                    .getBytes(StandardCharsets.UTF_8),
                200,
                headers("application/json"),
                "{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":3600}"
                    .getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theMeDocumentMatches() {
    assertDoesNotThrow(() -> me(200, "application/json", ME));
  }
}
