package org.lectern.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lectern.classroom.ClassroomRosters.Member;

/** How a post's @mentions name a classroom's members. */
class MentionsTest {

  private static final UUID SAM = UUID.randomUUID();
  private static final UUID SAM_LEE = UUID.randomUUID();
  private static final UUID ZOE = UUID.randomUUID();
  private static final UUID MARY = UUID.randomUUID();
  private static final UUID TEACHER = UUID.randomUUID();

  private static final List<Member> CLASS =
      List.of(
          new Member(TEACHER, "Ms. Rivera", true),
          new Member(SAM, "Sam", false),
          new Member(SAM_LEE, "Sam Lee", false),
          new Member(ZOE, "Zoë Ng", false),
          new Member(MARY, "Mary-Jane O'Neil", false));

  private static List<UUID> mentioned(String text) {
    return Mentions.resolve(text, CLASS);
  }

  @Test
  void aHandleIsTheDisplayNameWithoutSpacesAndSymbols() {
    assertEquals("samlee", Mentions.handleOf("Sam Lee"));
    assertEquals("zoëng", Mentions.handleOf("Zoë Ng"));
    assertEquals("mary-janeo'neil", Mentions.handleOf("Mary-Jane O'Neil"));
    assertEquals("ms.rivera", Mentions.handleOf("Ms. Rivera"));
    assertEquals("samjr", Mentions.handleOf("Sam Jr."), "no punctuation at its end");
    assertEquals("", Mentions.handleOf("🙂 ☆"), "nothing to type after @");
  }

  @Test
  void membersAreMentionedByTheirHandleWhateverItsCase() {
    assertEquals(List.of(SAM_LEE, ZOE), mentioned("I agree with @samlee and @ZOËNG!"));
    assertEquals(List.of(MARY), mentioned("@Mary-JaneO'Neil what did you think?"));
    assertEquals(List.of(TEACHER), mentioned("Question for @Ms.Rivera: why the lantern?"));
  }

  @Test
  void aComposedAndADecomposedLetterAreTheSame() {
    assertEquals(List.of(ZOE), mentioned("@Zoe\u0308Ng"));
  }

  @Test
  void theLongestHandleWinsAndAWordMayNotGoOn() {
    assertEquals(List.of(SAM_LEE), mentioned("@SamLee"), "Sam Lee, not Sam");
    assertEquals(List.of(SAM), mentioned("@Sam's idea was best."), "possessive");
    assertEquals(List.of(SAM), mentioned("Thanks, @Sam."), "end of a sentence");
    assertEquals(List.of(), mentioned("@Samantha"), "another name that starts the same");
    assertEquals(List.of(), mentioned("@Sam2"), "a digit goes on the word");
  }

  @Test
  void emailsAndNonMembersMentionNoOne() {
    assertEquals(List.of(), mentioned("mail sam@school.test or zoëng@school.test"));
    assertEquals(List.of(), mentioned("@@Sam"), "an @ after an @");
    assertEquals(List.of(), mentioned("@Rosalind was not in our class"));
    assertEquals(List.of(), mentioned("an @ alone"));
  }

  @Test
  void eachMemberOnceInTheOrderFirstMentioned() {
    assertEquals(List.of(ZOE, SAM), mentioned("@ZoëNg @Sam @zoeng @SAM"));
  }

  @Test
  void aHandleTwoMembersShareMentionsBoth() {
    UUID other = UUID.randomUUID();
    List<Member> twins =
        List.of(new Member(SAM_LEE, "Sam Lee", false), new Member(other, "Sam  Lee", false));
    assertEquals(List.of(SAM_LEE, other), Mentions.resolve("@SamLee", twins));
  }

  @Test
  void onlyTextWithAPossibleMentionNeedsTheMembers() {
    assertTrue(Mentions.any("hi @Sam"));
    assertFalse(Mentions.any("mail sam@school.test"));
    assertFalse(Mentions.any("no mention here"));
  }
}
