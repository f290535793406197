package org.lectern.it.probe;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.file.Files;
import org.lectern.ai.AiProviders;
import org.lectern.ai.ModerationGate;
import org.lectern.ai.ProviderException;
import org.lectern.ai.SpeechSynthesizer;
import org.lectern.media.AudioProbe;

/**
 * Test-only: added to the war by the integration tests, never part of the product. Calls the
 * deployed server's {@link AiProviders} directly, so a test sees how the server wired them from its
 * configuration (the fake provider's address and key, the word lists packaged in the war,
 * espeak-ng) before any job uses them.
 */
@RequestScoped
@Path("/test-only/ai")
@Produces(MediaType.APPLICATION_JSON)
public class AiProbe {

  @Inject AiProviders providers;

  @GET
  public JsonObject providers() {
    return Json.createObjectBuilder()
        .add("text", providers.text().isPresent())
        .add("images", providers.images().isPresent())
        .add("speech", providers.speech().map(SpeechSynthesizer::name).orElse("off"))
        .build();
  }

  @GET
  @Path("moderate")
  public JsonObject moderate(@QueryParam("text") String text, @QueryParam("language") String lang) {
    try {
      ModerationGate.Verdict v = providers.moderation().check(text, lang);
      JsonArrayBuilder reasons = Json.createArrayBuilder();
      v.reasons().forEach(reasons::add);
      return Json.createObjectBuilder().add("blocked", v.blocked()).add("reasons", reasons).build();
    } catch (ProviderException e) {
      return failure(e);
    }
  }

  @GET
  @Path("write")
  public JsonObject write(@QueryParam("prompt") String prompt) {
    try {
      String text = providers.text().orElseThrow().generate("Write briefly.", prompt, 100);
      return Json.createObjectBuilder().add("text", text).build();
    } catch (ProviderException e) {
      return failure(e);
    }
  }

  @GET
  @Path("speak")
  public JsonObject speak(@QueryParam("text") String text, @QueryParam("language") String lang)
      throws IOException {
    try {
      SpeechSynthesizer speech = providers.speech().orElseThrow();
      SpeechSynthesizer.GeneratedSpeech out = speech.synthesize(text, lang, null);
      try {
        AudioProbe.Result probed = AudioProbe.probe(out.file()).orElseThrow();
        return Json.createObjectBuilder()
            .add("provider", speech.name())
            .add("contentType", probed.contentType())
            .add("durationSec", probed.durationSec())
            .build();
      } finally {
        Files.deleteIfExists(out.file());
      }
    } catch (ProviderException e) {
      return failure(e);
    }
  }

  private static JsonObject failure(ProviderException e) {
    return Json.createObjectBuilder()
        .add("error", e.getMessage())
        .add("retryable", e.retryable())
        .add("retryAfterSeconds", e.retryAfter() == null ? -1 : e.retryAfter().toSeconds())
        .build();
  }
}
