package org.lectern.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.lectern.context.RequestContext;
import org.lectern.platform.RateLimited;
import org.lectern.platform.RateLimits;
import org.lectern.platform.RateLimits.Counter;

/**
 * Slows down password guessing without handing attackers a way to lock owners out. Two counters of
 * failed sign-ins, shared by every node ({@link RateLimits}):
 *
 * <ul>
 *   <li>per login name (school + email) <em>and</em> client address: from the {@code
 *       free-failures}-th failure on, each further attempt from that address waits twice as long as
 *       the last ({@code first-delay-seconds}, 1 s by default, then 2 s, 4 s ... up to {@code
 *       max-delay-seconds}, 15 min; forgotten after {@code forget-after-seconds}, 1 h, without
 *       failures). Other addresses are not affected, so the owner signs in from their own while
 *       someone else guesses;
 *   <li>per client address, across all names: after {@code address-failures-per-minute} (30)
 *       failures within a minute of its first, that address gets 429 until that minute is over,
 *       against spraying one password over many accounts. A school behind one NAT shares this
 *       budget, hence a generous default;
 *   <li>per login name, across all addresses: after {@code account-failures-per-hour} (100)
 *       failures within an hour of the first, only addresses the account has signed in from in the
 *       last {@code known-address-days} (30) may still try until the hour is over; everyone else
 *       gets 429. Against guessing one account's password from many addresses, without locking the
 *       owner out of the places they use.
 * </ul>
 *
 * The counters key on the name whether or not such an account or school exists, and each check
 * costs the same statements either way, so they tell an attacker nothing about which accounts are
 * real. The name is stored hashed: the table does not keep a list of emails people tried.
 */
@ApplicationScoped
public class LoginThrottle {

  /** What the check before a sign-in learned, for counting its outcome. */
  public record Attempt(
      String pairKey,
      String addressKey,
      String accountKey,
      String knownKey,
      boolean hadFailures,
      boolean knownAddress) {}

  private final int freeFailures;
  private final long firstDelaySeconds;
  private final long maxDelaySeconds;
  private final long quietSeconds;
  private final int addressFailuresPerMinute;
  private final int accountFailuresPerHour;
  private final long knownAddressSeconds;

  @Inject RequestContext context;
  @Inject RateLimits limits;

  public LoginThrottle() {
    Config config = ConfigProvider.getConfig();
    freeFailures = setting(config, "lectern.rate.signin.free-failures", 5);
    firstDelaySeconds = setting(config, "lectern.rate.signin.first-delay-seconds", 1);
    maxDelaySeconds = setting(config, "lectern.rate.signin.max-delay-seconds", 900);
    quietSeconds = setting(config, "lectern.rate.signin.forget-after-seconds", 3600);
    addressFailuresPerMinute =
        setting(config, "lectern.rate.signin.address-failures-per-minute", 30);
    accountFailuresPerHour = setting(config, "lectern.rate.signin.account-failures-per-hour", 100);
    knownAddressSeconds = 86_400L * setting(config, "lectern.rate.signin.known-address-days", 30);
  }

  private static int setting(Config config, String name, int fallback) {
    return config.getOptionalValue(name, Integer.class).orElse(fallback);
  }

  /**
   * Before the password is checked (and its CPU spent): 429 if this address must wait for this
   * name, or has failed too often across names this minute.
   */
  public Attempt checkAllowed(String tenantSlug, String email) {
    String address = context.clientAddress() == null ? "unknown" : context.clientAddress();
    String account = tenantSlug + "|" + email;
    String pairKey = "signin:pair:" + hash(account + "|" + address);
    String addressKey = "signin:address:" + address;
    String accountKey = "signin:account:" + hash(account);
    String knownKey = "signin:known:" + hash(account + "|" + address);
    Map<String, Counter> now = limits.current(pairKey, addressKey, accountKey, knownKey);
    Counter pair = now.get(pairKey);
    if (pair != null && pair.blocked()) {
      throw new RateLimited(
          "auth.too-many-attempts",
          "Too many failed sign-ins for this account from this address; wait "
              + pair.blockedSeconds()
              + " s.",
          freeFailures,
          pair.blockedSeconds());
    }
    Counter spray = now.get(addressKey);
    if (addressFailuresPerMinute > 0
        && spray != null
        && spray.count() >= addressFailuresPerMinute) {
      throw addressLimited(spray);
    }
    boolean known = now.containsKey(knownKey);
    Counter siege = now.get(accountKey);
    if (accountFailuresPerHour > 0
        && !known
        && siege != null
        && siege.count() >= accountFailuresPerHour) {
      throw new RateLimited(
          "auth.too-many-attempts",
          "Too many failed sign-ins for this account; until "
              + siege.resetSeconds()
              + " s from now it can only be signed in to from an address it has used before.",
          accountFailuresPerHour,
          siege.resetSeconds());
    }
    return new Attempt(pairKey, addressKey, accountKey, knownKey, pair != null, known);
  }

  /**
   * Counts a failed sign-in against the name from this address, the address and the name from
   * anywhere.
   */
  public void failed(Attempt attempt) {
    List<RateLimits.Window> windows = new ArrayList<>(2);
    if (addressFailuresPerMinute > 0) {
      windows.add(new RateLimits.Window(attempt.addressKey(), 60));
    }
    if (accountFailuresPerHour > 0) {
      windows.add(new RateLimits.Window(attempt.accountKey(), 3600));
    }
    limits.fail(
        attempt.pairKey(),
        freeFailures,
        firstDelaySeconds,
        maxDelaySeconds,
        quietSeconds,
        windows.toArray(RateLimits.Window[]::new));
  }

  /**
   * A right password clears the failures of its name from its address; the address's count stays,
   * or one real account would let a sprayer start over.
   */
  public void succeeded(Attempt attempt) {
    if (attempt.hadFailures()) {
      limits.forget(attempt.pairKey());
    }
    if (accountFailuresPerHour > 0 && !attempt.knownAddress()) {
      limits.remember(attempt.knownKey(), knownAddressSeconds);
    }
  }

  private RateLimited addressLimited(Counter c) {
    return new RateLimited(
        "auth.too-many-attempts",
        "Too many failed sign-ins from this address; wait " + c.resetSeconds() + " s.",
        addressFailuresPerMinute,
        c.resetSeconds());
  }

  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
