package org.lectern.learning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Reading sessions: maximal runs of events in which consecutive events are at most {@link #GAP}
 * apart. Kept incrementally: new events are merged with the stored sessions they fall near, which
 * gives exactly the sessions of all events together whatever order they arrive in (stored sessions
 * are already more than a gap apart, so only a new event can join two of them).
 */
final class SessionMerge {

  /** Inactivity that ends a session. */
  static final Duration GAP = Duration.ofMinutes(30);

  /** A stored session, or (id null) one new event. */
  record Span(UUID id, Instant start, Instant end, long seconds, long interactions, int events) {

    static Span event(Instant at, long seconds, long interactions) {
      return new Span(null, at, at, seconds, interactions, 1);
    }

    Span join(Span o) {
      return new Span(
          id,
          start.isBefore(o.start) ? start : o.start,
          end.isAfter(o.end) ? end : o.end,
          seconds + o.seconds,
          interactions + o.interactions,
          events + o.events);
    }
  }

  /**
   * What to store: each changed session ({@code keep} the id of the earliest stored session it
   * absorbed, or null for a new one), and the stored sessions absorbed into another ({@code
   * removed}). Unchanged stored sessions appear in neither.
   */
  record Plan(List<Span> written, List<UUID> removed) {}

  private SessionMerge() {}

  /**
   * Merges new events into the stored sessions near them (those ending no earlier than a gap before
   * the first new event and starting no later than a gap after the last).
   */
  static Plan merge(List<Span> stored, List<Span> events) {
    List<Span> all = new ArrayList<>(stored.size() + events.size());
    all.addAll(stored);
    all.addAll(events);
    // Stored sessions first among equal starts, so a group keeps the earliest stored id.
    all.sort(
        Comparator.comparing(Span::start)
            .thenComparing(s -> s.id() == null)
            .thenComparing(Span::end));
    List<Span> written = new ArrayList<>();
    List<UUID> removed = new ArrayList<>();
    Span group = null;
    boolean changed = false;
    for (Span s : all) {
      if (group != null && !s.start().isAfter(group.end().plus(GAP))) {
        if (s.id() != null) {
          if (group.id() == null) {
            group =
                new Span(
                    s.id(),
                    group.start(),
                    group.end(),
                    group.seconds(),
                    group.interactions(),
                    group.events());
          } else {
            removed.add(s.id());
          }
        }
        group =
            group.join(
                new Span(null, s.start(), s.end(), s.seconds(), s.interactions(), s.events()));
        changed = true;
      } else {
        if (group != null && changed) {
          written.add(group);
        }
        group = s;
        changed = s.id() == null;
      }
    }
    if (group != null && changed) {
      written.add(group);
    }
    return new Plan(written, removed);
  }
}
