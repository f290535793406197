package org.lectern.ai;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.lectern.ai.AiDtos.JobView;
import org.lectern.ai.AiDtos.Material;
import org.lectern.ai.AiDtos.Moderation;
import org.lectern.ai.JobStore.Lease;
import org.lectern.content.AssignableContent.StoryText;
import org.lectern.media.AudioAsset;
import org.lectern.media.AudioService;
import org.lectern.media.AudioService.AudioView;
import org.lectern.platform.Jsons;

/**
 * Does one attempt of a job's work, as its requester, in its school: reads what the work is about
 * from the story, passes the prompt through the moderation gate, calls the provider, passes what
 * came back through the gate, and stores it ({@link JobStore#succeed}). Providers' failures come
 * out as {@link ProviderException} (the worker decides whether to try again), the job's own
 * impossibilities as {@link Failure}.
 */
@ApplicationScoped
class JobRunner {

  private static final Logger LOG = Logger.getLogger(JobRunner.class.getName());

  /** At most this much of a story goes to a text generator. */
  static final int MAX_SOURCE_CHARS = 20_000;

  /** A job that cannot be done however often it is tried. */
  static final class Failure extends Exception {
    final String code;

    Failure(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  @Inject AiProviders providers;
  @Inject JobStore store;
  @Inject WorkerReads reads;
  @Inject AudioService audio;

  void run(JobView job, Lease lease) throws ProviderException, Failure {
    switch (job.kind()) {
      case illustration -> illustration(job, lease);
      case speech -> speech(job, lease);
      case teaching_material -> material(job, lease);
      default -> throw new Failure("ai.unknown-kind", "No such kind of job: " + job.kind());
    }
  }

  private void illustration(JobView job, Lease lease) throws ProviderException, Failure {
    ImageGenerator images =
        providers
            .images()
            .orElseThrow(
                () -> unavailable("illustrations", "an image provider (LECTERN_AI_BASE_URL)"));
    StoryText source = source(job);
    String prompt = job.parameters().getString("prompt");
    if (job.chunk() != null) {
      prompt = prompt + "\n\nThe scene: " + clip(source.text(), 1000);
    }
    if (job.moderationStatus() != Moderation.approved) {
      ModerationGate.Verdict verdict = gate().check(prompt, source.language());
      if (verdict.blocked()) {
        store.blockInput(job.id(), lease, verdict.reasons());
        return;
      }
    }
    store.progress(job.id(), lease, 30);
    ImageGenerator.GeneratedImage image =
        images.generate(prompt, job.parameters().getString("size", "512x512"));
    if (image.bytes() == null || image.bytes().length == 0) {
      throw new ProviderException("the image provider answered no image", true);
    }
    if (image.bytes().length > JobStore.MAX_IMAGE_BYTES) {
      throw new Failure(
          "ai.image-too-large",
          "The image is "
              + image.bytes().length
              + " bytes; at most "
              + JobStore.MAX_IMAGE_BYTES
              + " are kept.");
    }
    if (!image.contentType().matches("image/(png|jpeg|webp)")) {
      throw new Failure(
          "ai.image-type", "The provider answered " + image.contentType() + ", not an image.");
    }
    store.progress(job.id(), lease, 80);
    // The prompt was judged before it was sent (or approved by a reviewer); only a description
    // the provider rewrote is new text to judge.
    String revised = image.revisedPrompt();
    boolean rewritten = revised != null && !revised.equals(prompt);
    String description = rewritten ? revised : prompt;
    ModerationGate.Verdict verdict =
        rewritten ? gate().check(revised, source.language()) : ModerationGate.Verdict.ALLOWED;
    store.succeed(
        job.id(),
        lease,
        verdict,
        false,
        () -> {
          java.util.UUID imageId = store.storeImage(job.id(), image);
          return Jsons.builders()
              .createObjectBuilder()
              .add("imageId", imageId.toString())
              .add("imageUrl", "/api/ai-content/images/" + imageId)
              .add("contentType", image.contentType())
              .add("sizeBytes", image.bytes().length)
              .add("description", clip(description, 4000))
              .build();
        });
  }

  private void speech(JobView job, Lease lease) throws ProviderException, Failure {
    SpeechSynthesizer synthesizer =
        providers
            .speech()
            .orElseThrow(() -> unavailable("speech", "espeak-ng or a speech provider"));
    StoryText source = source(job);
    store.progress(job.id(), lease, 20);
    String voice = job.parameters().getString("voice", null);
    SpeechSynthesizer.GeneratedSpeech speech =
        synthesizer.synthesize(source.text(), source.language(), voice);
    try {
      store.progress(job.id(), lease, 70);
      String description =
          "Speech of \""
              + source.title()
              + "\", version "
              + source.version()
              + (source.chunk() == null ? "" : ", part " + source.chunk())
              + ", by "
              + synthesizer.name();
      ModerationGate.Verdict verdict = gate().check(description, source.language());
      AudioAsset.VoiceType voiceType =
          AudioAsset.VoiceType.valueOf(job.parameters().getString("voiceType", "child"));
      store.succeed(
          job.id(),
          lease,
          verdict,
          false,
          () -> {
            AudioView asset =
                audio.storeGenerated(source.storyId(), source.version(), voiceType, speech.file());
            JsonObjectBuilder b =
                Jsons.builders()
                    .createObjectBuilder()
                    .add("audioId", asset.id().toString())
                    .add("audioUrl", "/api/audio/" + asset.id())
                    .add("contentType", asset.contentType())
                    .add("provider", synthesizer.name())
                    .add("characters", source.text().length())
                    .add("description", description);
            if (asset.durationSec() != null) {
              b.add("durationSec", asset.durationSec());
            }
            return b.build();
          });
    } finally {
      try {
        Files.deleteIfExists(speech.file());
      } catch (IOException e) {
        LOG.log(Level.FINE, "could not delete " + speech.file(), e);
      }
    }
  }

  private void material(JobView job, Lease lease) throws ProviderException, Failure {
    TextGenerator text =
        providers
            .text()
            .orElseThrow(
                () -> unavailable("teaching material", "a text provider (LECTERN_AI_BASE_URL)"));
    StoryText source = source(job);
    Material material = Material.valueOf(job.parameters().getString("material"));
    int count = job.parameters().getInt("count", 5);
    store.progress(job.id(), lease, 20);
    String answer =
        text.generate(
            MaterialParser.instructions(material, count, source.language()),
            "Title: " + source.title() + "\n\n" + clip(source.text(), MAX_SOURCE_CHARS),
            1500);
    store.progress(job.id(), lease, 70);
    MaterialParser.Parsed parsed;
    try {
      parsed = MaterialParser.parse(material, answer, count);
    } catch (MaterialParser.InvalidMaterial e) {
      throw new ProviderException(
          "The text provider's answer was not the JSON asked for: " + e.getMessage(), true);
    }
    ModerationGate.Verdict verdict = gate().check(parsed.allText(), source.language());
    JsonObject result = result(material, source, parsed);
    store.succeed(job.id(), lease, verdict, true, () -> result);
  }

  private static JsonObject result(
      Material material, StoryText source, MaterialParser.Parsed parsed) {
    JsonObjectBuilder b =
        Jsons.builders()
            .createObjectBuilder()
            .add("material", material.name())
            .add("storyTitle", source.title())
            .add("version", source.version());
    switch (material) {
      case summary -> b.add("summary", parsed.summary());
      case questions -> {
        JsonArrayBuilder a = Jsons.builders().createArrayBuilder();
        parsed
            .questions()
            .forEach(
                q ->
                    a.add(
                        Jsons.builders()
                            .createObjectBuilder()
                            .add("stem", q.stem())
                            .add("answer", q.answer())));
        b.add("questions", a);
      }
      case vocabulary -> {
        JsonArrayBuilder a = Jsons.builders().createArrayBuilder();
        for (MaterialParser.Word w : parsed.words()) {
          JsonObjectBuilder o =
              Jsons.builders()
                  .createObjectBuilder()
                  .add("word", w.word())
                  .add("definition", w.definition());
          if (w.partOfSpeech() != null) {
            o.add("partOfSpeech", w.partOfSpeech());
          }
          if (w.example() != null) {
            o.add("example", w.example());
          }
          a.add(o);
        }
        b.add("words", a);
      }
      default -> throw new IllegalArgumentException(material.name());
    }
    return b.build();
  }

  private StoryText source(JobView job) throws Failure {
    return reads
        .storyText(job.storyId(), job.version(), job.chunk())
        .orElseThrow(
            () ->
                new Failure(
                    "ai.source-not-found",
                    "The story, its version or its chunk is gone, or the requester may no longer"
                        + " read it."));
  }

  private ModerationGate gate() {
    return providers.moderation();
  }

  private static Failure unavailable(String what, String needs) {
    return new Failure(
        "ai.unavailable", "This server makes no " + what + ": it needs " + needs + ".");
  }

  private static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
