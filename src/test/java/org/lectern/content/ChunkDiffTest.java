package org.lectern.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lectern.content.Chunks.Piece;
import org.lectern.content.Chunks.Type;
import org.lectern.content.StoryDtos.DiffView;

class ChunkDiffTest {

  @Test
  void showsRemovedBeforeAddedAndKeepsCommonChunks() {
    List<Piece> from = Chunks.split("A\n\nB\n\nC");
    List<Piece> to = Chunks.split("A\n\nB2\n\nC\n\nD");
    DiffView d = ChunkDiff.diff(1, from, 2, to);
    assertEquals(
        List.of("unchanged A", "removed B", "added B2", "unchanged C", "added D"),
        d.chunks().stream().map(l -> l.op() + " " + l.text()).toList());
    assertEquals(2, d.added());
    assertEquals(1, d.removed());
    assertEquals(2, d.unchanged());
  }

  @Test
  void aTypeChangeIsAChange() {
    DiffView d =
        ChunkDiff.diff(
            1, List.of(new Piece("x", Type.normal)), 2, List.of(new Piece("x", Type.chem)));
    assertEquals(1, d.added());
    assertEquals(1, d.removed());
  }
}
