package org.lectern.ai;

import java.util.List;

/**
 * Judges a text (a prompt, a generated text or a result's description) before anyone but its
 * requester sees it: the word lists under {@code policies/moderation/}, then the provider's
 * moderation endpoint when one is configured.
 */
public interface ModerationGate {

  /**
   * What the gate found. reasons are stable strings a reviewer can read and a client can match:
   * {@code "word-list:en:<word>"}, {@code "provider:<category>"}.
   */
  record Verdict(boolean blocked, List<String> reasons) {
    public static final Verdict ALLOWED = new Verdict(false, List.of());

    public Verdict {
      reasons = List.copyOf(reasons);
    }
  }

  /**
   * @param language BCP 47 tag; the word list of its primary language applies, and always the list
   *     for "en" when none exists for it
   * @throws ProviderException when the provider's moderation endpoint is configured and failed: the
   *     caller retries rather than letting unjudged text through
   */
  Verdict check(String text, String language) throws ProviderException;
}
