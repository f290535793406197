package org.lectern.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lectern.content.Chunks.Piece;
import org.lectern.content.Chunks.Type;
import org.lectern.platform.LecternException;

class ChunksTest {

  @Test
  void splitsOnBlankLinesAndStripsEachChunk() {
    List<Piece> pieces = Chunks.split("  First line\nstill first.\n\nSecond.\r\n\r\n\n  Third  ");
    assertEquals(
        List.of(
            new Piece("First line\nstill first.", Type.normal),
            new Piece("Second.", Type.normal),
            new Piece("Third", Type.normal)),
        pieces);
  }

  @Test
  void linesOfOnlySpacesCountAsBlank() {
    assertEquals(2, Chunks.split("one\n \t \ntwo").size());
  }

  @Test
  void blankTextHasNoChunks() {
    assertEquals(List.of(), Chunks.split("\n\n   \n"));
  }

  @Test
  void joinThenSplitGivesTheSameChunks() {
    List<Piece> pieces = List.of(new Piece("a b", Type.normal), new Piece("c\nd", Type.normal));
    assertEquals(pieces, Chunks.split(Chunks.join(pieces)));
    assertEquals("a b\n\nc\nd", Chunks.join(pieces));
  }

  @Test
  void unchangedChunksKeepTheirTypeWhenTheTextIsEditedAgain() {
    List<Piece> before =
        List.of(
            new Piece("Era una vez.", Type.normal),
            new Piece("Once upon a time.", Type.chem),
            new Piece("(a classic opening)", Type.explain));
    List<Piece> after =
        Chunks.split("Era una vez un gato.\n\nOnce upon a time.\n\n(a classic opening)", before);
    assertEquals(Type.normal, after.get(0).type());
    assertEquals(Type.chem, after.get(1).type());
    assertEquals(Type.explain, after.get(2).type());
  }

  @Test
  void chemRatioIsTheShareOfStoryWordsInChemChunks() {
    List<Piece> pieces =
        List.of(
            new Piece("El gato come pescado hoy", Type.normal), // 5
            new Piece("The cat eats fish", Type.chem), // 4
            new Piece("Note: gato means cat, and this note is long", Type.explain)); // ignored
    assertEquals(new BigDecimal("0.4444"), Chunks.chemRatio(pieces));
  }

  @Test
  void chemRatioRoundsHalfUpToFourDecimals() {
    List<Piece> pieces =
        List.of(
            new Piece("a b c d e f g h", Type.normal), new Piece("x", Type.chem)); // 1/9 = .11111
    assertEquals(new BigDecimal("0.1111"), Chunks.chemRatio(pieces));
    List<Piece> twoThirds =
        List.of(new Piece("a", Type.normal), new Piece("x y", Type.chem)); // .66666...
    assertEquals(new BigDecimal("0.6667"), Chunks.chemRatio(twoThirds));
  }

  @Test
  void chemRatioIsZeroWithoutChemAndNullWithoutWords() {
    assertEquals(new BigDecimal("0.0000"), Chunks.chemRatio(Chunks.split("uno dos")));
    assertNull(Chunks.chemRatio(List.of(new Piece("only a note", Type.explain))));
    assertNull(Chunks.chemRatio(List.of(new Piece("...", Type.normal))));
  }

  @Test
  void aChunkGivenOnItsOwnMayNotHoldABlankLine() {
    LecternException e =
        assertThrows(
            LecternException.class,
            () -> Chunks.requireValid(List.of(new Piece("one\n\ntwo", Type.normal))));
    assertEquals(400, e.status());
    assertEquals("chunks[0].text", e.errors().get(0).field());
  }

  @Test
  void chunksGivenOnTheirOwnAreStrippedAndDefaultToNormal() {
    assertEquals(
        List.of(new Piece("x", Type.normal)),
        Chunks.requireValid(List.of(new Piece("  x ", null))));
    assertThrows(LecternException.class, () -> Chunks.requireValid(List.of()));
  }
}
