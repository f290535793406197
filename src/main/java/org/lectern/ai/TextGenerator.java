package org.lectern.ai;

/** Writes text from instructions and a prompt: an OpenAI-compatible chat completion. */
public interface TextGenerator {

  /**
   * @param instructions the system message: what to write and in what shape
   * @param prompt the user message: the material to work from
   * @param maxTokens the most the answer may cost
   * @return the generated text, never null
   */
  String generate(String instructions, String prompt, int maxTokens) throws ProviderException;
}
