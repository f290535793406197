package org.lectern.classroom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.lectern.context.RequestContext;
import org.lectern.platform.RateLimited;
import org.lectern.platform.RateLimits;
import org.lectern.platform.RateLimits.Counter;

/**
 * Keeps class codes from being guessed. Two counters of wrong codes, shared by every node ({@link
 * RateLimits}):
 *
 * <ul>
 *   <li>per user: from the {@code free-failures}-th wrong code on ({@code
 *       lectern.rate.join.free-failures}, 5), each further attempt waits twice as long as the last
 *       ({@code first-delay-seconds}, 2 s, then 4 s ... up to {@code max-delay-seconds}, 15 min;
 *       forgotten after an hour without a wrong code). A child who mistypes a few times is not
 *       slowed down; a script trying codes is, within a handful of tries;
 *   <li>per client address, across users: after {@code address-failures-per-minute} (60) wrong
 *       codes within a minute, that address gets 429 until the minute is over, against one script
 *       with many accounts. A school behind one NAT shares it, hence a generous default.
 * </ul>
 *
 * A right code does not reset the user's count, so a guesser cannot interleave their own code.
 */
@ApplicationScoped
public class JoinThrottle {

  /** The keys of one join attempt. */
  public record Attempt(String userKey, String addressKey) {}

  private final int freeFailures;
  private final long firstDelaySeconds;
  private final long maxDelaySeconds;
  private final long quietSeconds;
  private final int addressFailuresPerMinute;

  @Inject RequestContext context;
  @Inject RateLimits limits;

  public JoinThrottle() {
    Config config = ConfigProvider.getConfig();
    freeFailures = setting(config, "lectern.rate.join.free-failures", 5);
    firstDelaySeconds = setting(config, "lectern.rate.join.first-delay-seconds", 2);
    maxDelaySeconds = setting(config, "lectern.rate.join.max-delay-seconds", 900);
    quietSeconds = setting(config, "lectern.rate.join.forget-after-seconds", 3600);
    addressFailuresPerMinute = setting(config, "lectern.rate.join.address-failures-per-minute", 60);
  }

  private static int setting(Config config, String name, int fallback) {
    return config.getOptionalValue(name, Integer.class).orElse(fallback);
  }

  /** Before the code is looked up: 429 if this user or address must wait. */
  public Attempt checkAllowed() {
    String address = context.clientAddress() == null ? "unknown" : context.clientAddress();
    String userKey = "join:user:" + context.tenant() + ":" + context.caller().id();
    String addressKey = "join:address:" + address;
    Map<String, Counter> now = limits.current(userKey, addressKey);
    Counter user = now.get(userKey);
    if (user != null && user.blocked()) {
      throw new RateLimited(
          "classroom.too-many-attempts",
          "Too many wrong class codes; wait " + user.blockedSeconds() + " s.",
          freeFailures,
          user.blockedSeconds());
    }
    Counter address1 = now.get(addressKey);
    if (addressFailuresPerMinute > 0
        && address1 != null
        && address1.count() >= addressFailuresPerMinute) {
      throw new RateLimited(
          "classroom.too-many-attempts",
          "Too many wrong class codes from this address; wait " + address1.resetSeconds() + " s.",
          addressFailuresPerMinute,
          address1.resetSeconds());
    }
    return new Attempt(userKey, addressKey);
  }

  /** Counts a wrong code against the user and the address, in a transaction of its own. */
  public void failed(Attempt attempt) {
    limits.fail(
        attempt.userKey(),
        freeFailures,
        firstDelaySeconds,
        maxDelaySeconds,
        quietSeconds,
        addressFailuresPerMinute > 0
            ? new RateLimits.Window[] {new RateLimits.Window(attempt.addressKey(), 60)}
            : new RateLimits.Window[0]);
  }
}
