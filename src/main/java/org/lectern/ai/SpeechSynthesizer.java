package org.lectern.ai;

import java.nio.file.Path;

/** Speaks a text: espeak-ng offline, or an OpenAI-compatible speech endpoint. */
public interface SpeechSynthesizer {

  /**
   * Speech in a temporary file the caller owns (moves into the media store or deletes). The
   * contentType is what the bytes are ("audio/wav", "audio/mpeg", "audio/ogg"); the media
   * capability probes them again before storing.
   */
  record GeneratedSpeech(Path file, String contentType) {}

  /**
   * @param text what to say, at most a story version's text
   * @param language a BCP 47 tag such as "en" or "pt-PT"
   * @param voice a provider's voice name, or null for the language's default
   */
  GeneratedSpeech synthesize(String text, String language, String voice) throws ProviderException;

  /** Short name for job results and logs: "espeak-ng", "openai". */
  String name();
}
