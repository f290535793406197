package org.lectern.content;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.lectern.platform.Page;

/**
 * A page of a list that only shows what the caller may read. Rows are read in keyset batches and
 * passed through the access rules; the cursor names the last row examined, which keeps paging exact
 * even when rows in between are hidden. One request examines at most {@value #MAX_SCAN} rows, so a
 * caller who may see few of many rows gets a short page with a cursor rather than a slow answer.
 */
public final class KeysetScan {

  public static final int MAX_SCAN = 1000;

  private KeysetScan() {}

  /**
   * @param <T> a row
   * @param <P> a row's position in the list's order (what the cursor holds)
   * @param <V> a list item
   * @param decode reads a client's cursor (a bad one is a 400)
   * @param batch reads up to {@code size} rows after a position (null: from the start)
   * @param position a row's position
   * @param encode writes a position as a cursor
   * @param viewer given a whole batch (to load what its rows need in one go), turns each row into
   *     its list item, or null when the caller may not see it
   */
  public static <T, P, V> Page<V> page(
      String cursor,
      int limit,
      Function<String, P> decode,
      BiFunction<P, Integer, List<T>> batch,
      Function<T, P> position,
      Function<P, String> encode,
      Function<List<T>, Function<T, V>> viewer) {
    P after = cursor == null ? null : decode.apply(cursor);
    int size = Math.max(limit * 2, 50);
    List<V> items = new ArrayList<>();
    int scanned = 0;
    while (true) {
      List<T> rows = batch.apply(after, size);
      Function<T, V> view = viewer.apply(rows);
      for (int i = 0; i < rows.size(); i++) {
        T row = rows.get(i);
        after = position.apply(row);
        scanned++;
        V item = view.apply(row);
        if (item != null) {
          items.add(item);
        }
        boolean more = i < rows.size() - 1 || rows.size() == size;
        if (items.size() == limit || (scanned >= MAX_SCAN && more)) {
          return new Page<>(items, more ? encode.apply(after) : null);
        }
      }
      if (rows.size() < size) {
        return new Page<>(items, null);
      }
    }
  }
}
