package org.lectern.content;

import java.util.ArrayList;
import java.util.List;
import org.lectern.content.StoryDtos.DiffLine;
import org.lectern.content.StoryDtos.DiffView;

/**
 * The difference between two versions, chunk by chunk: the longest common sequence of equal chunks
 * (same text and type) is unchanged, everything else was removed from the first or added in the
 * second. A chunk whose text or type changed shows as removed and added.
 */
final class ChunkDiff {

  private ChunkDiff() {}

  static DiffView diff(
      int fromNumber, List<Chunks.Piece> from, int toNumber, List<Chunks.Piece> to) {
    int n = from.size();
    int m = to.size();
    int[][] common = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        common[i][j] =
            from.get(i).equals(to.get(j))
                ? common[i + 1][j + 1] + 1
                : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    List<DiffLine> lines = new ArrayList<>();
    int added = 0;
    int removed = 0;
    int unchanged = 0;
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && from.get(i).equals(to.get(j))) {
        lines.add(new DiffLine("unchanged", i + 1, j + 1, to.get(j).text(), to.get(j).type()));
        unchanged++;
        i++;
        j++;
      } else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
        lines.add(new DiffLine("removed", i + 1, null, from.get(i).text(), from.get(i).type()));
        removed++;
        i++;
      } else {
        lines.add(new DiffLine("added", null, j + 1, to.get(j).text(), to.get(j).type()));
        added++;
        j++;
      }
    }
    return new DiffView(fromNumber, toNumber, added, removed, unchanged, lines);
  }
}
