package org.lectern.learning;

/**
 * A position in a story version, as a reader app reports it: chunk {@code chunk} (1-based) of
 * {@code totalChunks} read. The one rule from position to percent and completion lives here (not in
 * a trigger as well): percent is the share of chunks read, rounded down, so only the last chunk
 * makes 100, and 100 is completion.
 */
record ReadingPosition(int version, int chunk, int totalChunks)
    implements Comparable<ReadingPosition> {

  ReadingPosition {
    if (version < 1 || chunk < 1 || totalChunks < chunk) {
      throw new IllegalArgumentException(
          "not a position: version " + version + ", chunk " + chunk + " of " + totalChunks);
    }
  }

  /** 0-100: {@code floor(100 * chunk / totalChunks)}. */
  int percent() {
    return (int) (100L * chunk / totalChunks);
  }

  boolean completes() {
    return chunk == totalChunks;
  }

  /**
   * Further means a higher percent; between equal percents the later version, then the later chunk.
   * A total order, so the furthest of any set of positions is the same whatever order they came in.
   */
  @Override
  public int compareTo(ReadingPosition o) {
    int c = Integer.compare(percent(), o.percent());
    if (c == 0) {
      c = Integer.compare(version, o.version);
    }
    if (c == 0) {
      c = Integer.compare(chunk, o.chunk);
    }
    if (c == 0) {
      c = Integer.compare(totalChunks, o.totalChunks);
    }
    return c;
  }
}
