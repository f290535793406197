package org.lectern.ai;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The providers this server has, decided once at start from the configuration ({@link AiSettings}:
 * {@code LECTERN_AI_BASE_URL}, {@code LECTERN_AI_API_KEY}, model names, {@code LECTERN_AI_SPEECH})
 * and from whether espeak-ng runs here. Logs one line saying what is on and what is off (never the
 * API key).
 *
 * <ul>
 *   <li>text and images: the OpenAI-compatible provider, when the base URL is set;
 *   <li>speech ({@code lectern.ai.speech}): {@code auto} takes espeak-ng when installed, else the
 *       provider; {@code espeak} or {@code openai} take only that one; {@code off} none;
 *   <li>moderation: always the word lists, then the provider's moderation when it is set.
 * </ul>
 *
 * A configuration that cannot be used (a base URL that is no http(s) URL, a bad number) is logged
 * as an error and leaves the HTTP provider off, so the rest of the application still starts.
 */
@ApplicationScoped
public class ConfiguredAiProviders implements AiProviders {

  private static final Logger LOG = Logger.getLogger(ConfiguredAiProviders.class.getName());

  private Optional<OpenAiCompatible> http = Optional.empty();
  private Optional<SpeechSynthesizer> speech = Optional.empty();
  private ModerationGate moderation;

  @PostConstruct
  void configure() {
    Config config = ConfigProvider.getConfig();
    AiSettings settings;
    try {
      settings = AiSettings.from(name -> config.getOptionalValue(name, String.class));
    } catch (IllegalArgumentException e) {
      LOG.severe(() -> "AI configuration unusable, the AI provider stays off: " + e.getMessage());
      settings = AiSettings.from(name -> Optional.empty());
    }
    configure(settings);
  }

  /** Decides the providers from the settings; package-private so tests can give their own. */
  void configure(AiSettings settings) {
    http = settings.baseUrl().map(url -> new OpenAiCompatible(settings));
    WordListGate words = WordListGate.packagedAnd(settings.wordListsDir());
    moderation =
        http.<ModerationGate>map(provider -> new ProviderModerationGate(words, provider))
            .orElse(words);
    Optional<String> espeakVersion =
        settings.speech().equals(AiSettings.SPEECH_AUTO)
                || settings.speech().equals(AiSettings.SPEECH_ESPEAK)
            ? EspeakSpeech.version(settings.espeakCommand())
            : Optional.empty();
    Optional<SpeechSynthesizer> espeak =
        espeakVersion.map(
            v -> new EspeakSpeech(settings.espeakCommand(), settings.espeakTimeout()));
    speech =
        switch (settings.speech()) {
          case AiSettings.SPEECH_ESPEAK -> espeak;
          case AiSettings.SPEECH_OPENAI -> http.map(SpeechSynthesizer.class::cast);
          case AiSettings.SPEECH_OFF -> Optional.empty();
          default -> espeak.or(() -> http.map(SpeechSynthesizer.class::cast));
        };
    LOG.info(summary(settings, espeakVersion));
  }

  /** Forces the decision (and its log line) at start rather than at the first job. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    moderation();
  }

  private String summary(AiSettings settings, Optional<String> espeakVersion) {
    String provider =
        http.map(
                p ->
                    "text on ("
                        + settings.textModel()
                        + "), images on ("
                        + settings.imageModel()
                        + ") at "
                        + p.baseUrl()
                        + (settings.apiKey().isPresent() ? " with an API key" : " without API key"))
            .orElse("text off, images off (LECTERN_AI_BASE_URL unset)");
    String spoken =
        speech
            .map(
                s ->
                    s.name().equals(EspeakSpeech.NAME)
                        ? "speech on (" + espeakVersion.orElse(EspeakSpeech.NAME) + ")"
                        : "speech on ("
                            + settings.speechModel()
                            + ", "
                            + settings.speechFormat()
                            + ")")
            .orElse(
                "speech off ("
                    + (settings.speech().equals(AiSettings.SPEECH_OFF)
                        ? "LECTERN_AI_SPEECH=off"
                        : settings.espeakCommand() + " not found and no provider for it")
                    + ")");
    String moderated =
        http.isPresent()
            ? "moderation by word lists and " + settings.moderationModel()
            : "moderation by word lists only";
    return "AI providers: " + provider + "; " + spoken + "; " + moderated;
  }

  @Override
  public Optional<TextGenerator> text() {
    return http.map(TextGenerator.class::cast);
  }

  @Override
  public Optional<ImageGenerator> images() {
    return http.map(ImageGenerator.class::cast);
  }

  @Override
  public Optional<SpeechSynthesizer> speech() {
    return speech;
  }

  @Override
  public ModerationGate moderation() {
    return moderation;
  }
}
