package org.lectern.ai;

import java.util.Optional;

/**
 * Which providers this server has, from its configuration ({@code LECTERN_AI_BASE_URL}, {@code
 * LECTERN_AI_API_KEY}, model names) and what is installed (espeak-ng). An empty Optional means the
 * kind of work is unavailable here; a job asking for it fails with a clear error instead of
 * queueing forever.
 */
public interface AiProviders {

  Optional<TextGenerator> text();

  Optional<ImageGenerator> images();

  /** espeak-ng when installed, else the HTTP provider's speech when configured. */
  Optional<SpeechSynthesizer> speech();

  /** Always present: the word lists work with no provider. */
  ModerationGate moderation();
}
