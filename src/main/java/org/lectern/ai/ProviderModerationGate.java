package org.lectern.ai;

/**
 * Both stages of moderation: the word lists, then the provider's moderation endpoint. A text the
 * lists block is not sent to the provider (it is blocked already, and a blocked text should travel
 * no further); a text they allow is blocked when the provider flags it. A failing moderation call
 * throws, so no text passes unjudged.
 */
public final class ProviderModerationGate implements ModerationGate {

  private final WordListGate words;
  private final OpenAiCompatible provider;

  public ProviderModerationGate(WordListGate words, OpenAiCompatible provider) {
    this.words = words;
    this.provider = provider;
  }

  @Override
  public Verdict check(String text, String language) throws ProviderException {
    Verdict listed = words.check(text, language);
    if (listed.blocked() || text == null || text.isBlank()) {
      return listed;
    }
    return provider.moderate(text);
  }
}
