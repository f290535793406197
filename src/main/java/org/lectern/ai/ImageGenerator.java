package org.lectern.ai;

/** Draws an illustration from a prompt: an OpenAI-compatible image generation. */
public interface ImageGenerator {

  /**
   * An image's bytes (PNG, JPEG or WebP, by contentType) and the prompt as the provider rewrote it,
   * or null when it used the prompt as given.
   */
  record GeneratedImage(byte[] bytes, String contentType, String revisedPrompt) {}

  /**
   * @param prompt what to draw; it has passed the moderation gate
   * @param size "256x256", "512x512" or "1024x1024"
   */
  GeneratedImage generate(String prompt, String size) throws ProviderException;
}
