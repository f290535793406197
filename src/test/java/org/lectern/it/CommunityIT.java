package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Book clubs over HTTP: a classroom's discussions of a story, threaded posts in thread order,
 * moderation by the classroom's teachers, the 15-minute edit window, soft deletion, @mentions of
 * classroom members, plain text kept as written, and every club closed (404) to other classrooms
 * and other schools.
 */
class CommunityIT extends ApiTestBase {

  private Schools.School school;
  private Schools.Person teacher;
  private Schools.Person sam;
  private Schools.Person zoe;
  private String classroom;
  private String story;
  private String discussion;

  @BeforeEach
  void aClassroomReadingAStory() {
    school = schools.newSchool();
    teacher = schools.person(school, "teacher");
    sam = schools.person(school, "student");
    zoe = schools.person(school, "student");
    rename(teacher, "Ms. Rivera");
    rename(sam, "Sam Reed");
    rename(zoe, "Zoë Ng");
    classroom = classroomOf(teacher, "5B", sam, zoe);
    story = schools.story(teacher.token(), "The lantern", "beginner").getString("id");
    schools.publish(school, story);
    discussion = start(teacher, classroom, "Why does Mira keep the lantern lit?").getString("id");
  }

  // ------------------------------------------------------------------ helpers

  private void rename(Schools.Person p, String displayName) {
    Api.Response r =
        api.patch("/api/users/" + p.id())
            .token(school.adminToken())
            .json(Api.obj("displayName", displayName))
            .send();
    assertEquals(200, r.status(), r::toString);
  }

  private String classroomOf(Schools.Person t, String name, Schools.Person... students) {
    Api.Response made =
        api.post("/api/classrooms").token(t.token()).json(Api.obj("name", name)).send();
    assertEquals(201, made.status(), made::toString);
    String id = made.json().getString("id");
    for (Schools.Person s : students) {
      Api.Response added =
          api.post("/api/classrooms/" + id + "/students")
              .token(t.token())
              .json(Api.obj("userId", s.id()))
              .send();
      assertEquals(201, added.status(), added::toString);
    }
    return id;
  }

  private Api.Response startAs(Schools.Person p, String classroomId, String title) {
    return api.post("/api/discussions")
        .token(p.token())
        .json(Api.obj("classroomId", classroomId, "storyId", story, "title", title))
        .send();
  }

  private JsonObject start(Schools.Person p, String classroomId, String title) {
    Api.Response r = startAs(p, classroomId, title);
    assertEquals(201, r.status(), r::toString);
    return r.json();
  }

  private Api.Response write(String token, String body, String parentId) {
    return api.post("/api/discussions/" + discussion + "/posts")
        .token(token)
        .json(Api.obj("body", body, "parentId", parentId))
        .send();
  }

  /** Sam's post with that text in a new discussion the teacher starts in the classroom. */
  private Api.Response discussionAndPost(String classroomId, String body) {
    String id = start(teacher, classroomId, "Chapter talk").getString("id");
    Api.Response r =
        api.post("/api/discussions/" + id + "/posts")
            .token(sam.token())
            .json(Api.obj("body", body))
            .send();
    assertEquals(201, r.status(), r::toString);
    return r;
  }

  private static List<String> mentionedIds(Api.Response post) {
    return post.json().getJsonArray("mentions").getValuesAs(JsonObject.class).stream()
        .map(m -> m.getString("userId"))
        .toList();
  }

  private String post(Schools.Person p, String body, String parentId) {
    Api.Response r = write(p.token(), body, parentId);
    assertEquals(201, r.status(), r::toString);
    return r.json().getString("id");
  }

  private Api.Response act(String token, String path) {
    return api.post("/api/discussions/" + discussion + path).token(token).send();
  }

  private Api.Response edit(String token, String postId, String body) {
    return api.patch("/api/discussions/" + discussion + "/posts/" + postId)
        .token(token)
        .json(Api.obj("body", body))
        .send();
  }

  private List<JsonObject> thread(String token) {
    Api.Response r = api.get("/api/discussions/" + discussion + "/posts").token(token).send();
    assertEquals(200, r.status(), r::toString);
    return r.items();
  }

  private static JsonObject byId(List<JsonObject> posts, String id) {
    return posts.stream().filter(p -> p.getString("id").equals(id)).findFirst().orElseThrow();
  }

  private static List<String> ids(List<JsonObject> items) {
    return items.stream().map(p -> p.getString("id")).toList();
  }

  private static int statements(Api.Response r) {
    return Integer.parseInt(r.header("X-Sql-Statements"));
  }

  // ------------------------------------------------------------------ threads

  @Test
  void aClubTalksInThreadsAndReadsThemInThreadOrder() {
    String first = post(sam, "She keeps it lit for her brother.", null);
    String second = post(zoe, "I think it is for the ships.", null);
    String reply = post(zoe, "Her brother is at sea, though!", first);
    String replyToReply = post(sam, "Then it is for both.", reply);
    String lateReply = post(teacher, "Find the page that says so.", first);

    List<JsonObject> posts = thread(sam.token());
    assertEquals(List.of(first, reply, replyToReply, lateReply, second), ids(posts));
    assertEquals(
        List.of(0, 1, 2, 1, 0), posts.stream().map(p -> p.getInt("depth")).toList(), "depths");
    assertEquals(first, byId(posts, reply).getString("parentId"));
    assertTrue(byId(posts, first).isNull("parentId"));
    assertEquals("Sam Reed", byId(posts, first).getString("authorName"));

    List<String> paged = new ArrayList<>();
    String cursor = null;
    do {
      Api.Response page =
          api.get(
                  "/api/discussions/"
                      + discussion
                      + "/posts?limit=2"
                      + (cursor == null ? "" : "&cursor=" + cursor))
              .token(zoe.token())
              .send();
      assertEquals(200, page.status(), page::toString);
      paged.addAll(ids(page.items()));
      cursor = page.json().isNull("nextCursor") ? null : page.json().getString("nextCursor");
    } while (cursor != null);
    assertEquals(ids(posts), paged, "pages in the same thread order");

    JsonObject d = api.get("/api/discussions/" + discussion).token(zoe.token()).send().json();
    assertEquals(5, d.getInt("postCount"));
    assertFalse(d.isNull("lastPostAt"));
    assertEquals(story, d.getString("storyId"));
  }

  @Test
  void aReplyStaysInItsDiscussionAndNestsAtMostSevenDeep() {
    String top = post(sam, "Top.", null);
    String parent = top;
    for (int depth = 1; depth <= 7; depth++) {
      parent = post(zoe, "Reply " + depth, parent);
    }
    Api.Response tooDeep = write(sam.token(), "One more", parent);
    assertEquals(409, tooDeep.status(), tooDeep::toString);
    assertEquals("post.thread-too-deep", tooDeep.code());

    String other = start(teacher, classroom, "Another question").getString("id");
    Api.Response elsewhere =
        api.post("/api/discussions/" + other + "/posts")
            .token(sam.token())
            .json(Api.obj("body", "Replying across", "parentId", top))
            .send();
    assertEquals(404, elsewhere.status(), "a parent of another discussion");
    assertEquals("post.not-found", elsewhere.code());
  }

  // ------------------------------------------------------------------ edit window, deletion

  @Test
  void anAuthorEditsWithinFifteenMinutesAndNotAfter() throws Exception {
    Api.Response made = write(sam.token(), "I tink she is brave.", null);
    String id = made.json().getString("id");
    assertNotNull(made.header("ETag"));

    Api.Response fixed =
        api.patch("/api/discussions/" + discussion + "/posts/" + id)
            .token(sam.token())
            .header("If-Match", made.header("ETag"))
            .json(Api.obj("body", "I think she is brave."))
            .send();
    assertEquals(200, fixed.status(), fixed::toString);
    assertEquals("I think she is brave.", fixed.json().getString("body"));
    assertFalse(fixed.json().isNull("editedAt"));
    Api.Response stale =
        api.patch("/api/discussions/" + discussion + "/posts/" + id)
            .token(sam.token())
            .header("If-Match", made.header("ETag"))
            .json(Api.obj("body", "Overwriting unseen"))
            .send();
    assertEquals(412, stale.status(), stale::toString);

    Api.Response notTheirs = edit(zoe.token(), id, "Sam is wrong.");
    assertEquals(403, notTheirs.status(), notTheirs::toString);
    assertEquals(403, edit(teacher.token(), id, "Teachers hide, not rewrite.").status());

    Db.execute(
        "UPDATE discussion_posts SET created_at = created_at - interval '16 minutes'"
            + " WHERE id = '"
            + id
            + "'");
    Api.Response late = edit(sam.token(), id, "Changing my mind later");
    assertEquals(409, late.status(), late::toString);
    assertEquals("post.edit-window-closed", late.code());
    assertEquals(
        "I think she is brave.",
        byId(thread(zoe.token()), id).getString("body"),
        "it stands as written");
  }

  @Test
  void aDeletedPostStaysInTheThreadWithoutItsText() throws Exception {
    String gone = post(sam, "Something I regret, @ZoëNg", null);
    String reply = post(zoe, "What did you mean?", gone);

    assertEquals(
        403,
        api.delete("/api/discussions/" + discussion + "/posts/" + gone)
            .token(zoe.token())
            .send()
            .status(),
        "only the author deletes");
    assertEquals(
        403,
        api.delete("/api/discussions/" + discussion + "/posts/" + gone)
            .token(teacher.token())
            .send()
            .status(),
        "moderators hide instead");
    for (int i = 0; i < 2; i++) {
      assertEquals(
          204,
          api.delete("/api/discussions/" + discussion + "/posts/" + gone)
              .token(sam.token())
              .send()
              .status(),
          "deleting again changes nothing");
    }

    for (Schools.Person reader : List.of(zoe, teacher, sam)) {
      List<JsonObject> posts = thread(reader.token());
      assertEquals(List.of(gone, reply), ids(posts), "still in its place, its reply after it");
      JsonObject p = byId(posts, gone);
      assertTrue(p.getBoolean("deleted"));
      assertTrue(p.isNull("body"), "the text is gone for every reader");
      assertTrue(p.getJsonArray("mentions").isEmpty());
      assertEquals(gone, byId(posts, reply).getString("parentId"));
    }
    assertEquals("post.deleted", edit(sam.token(), gone, "Undo").code());
    Api.Response toDeleted = write(zoe.token(), "Replying anyway", gone);
    assertEquals(409, toDeleted.status());
    assertEquals("post.deleted", toDeleted.code());
    assertEquals(
        List.of("Something I regret, @ZoëNg"),
        Db.column("SELECT body FROM discussion_posts WHERE id = ?::uuid", gone),
        "kept for the school's records, as the audit trail keeps it");
  }

  // ------------------------------------------------------------------ moderation

  @Test
  void theClassroomsTeacherHidesPostsAndLocksAndPins() {
    String rude = post(sam, "Zoe's idea is stupid.", null);
    String kind = post(zoe, "I liked the storm part.", null);

    assertEquals(403, act(zoe.token(), "/posts/" + rude + "/hide").status(), "students do not");
    Api.Response hidden = act(teacher.token(), "/posts/" + rude + "/hide");
    assertEquals(200, hidden.status(), hidden::toString);
    assertTrue(hidden.json().getBoolean("hidden"));

    JsonObject seenByStudent = byId(thread(zoe.token()), rude);
    assertTrue(seenByStudent.getBoolean("hidden"));
    assertTrue(seenByStudent.isNull("body"), "hidden from the class");
    assertTrue(byId(thread(sam.token()), rude).isNull("body"), "from its author too");
    assertEquals(
        "Zoe's idea is stupid.",
        byId(thread(teacher.token()), rude).getString("body"),
        "moderators still read it");
    assertEquals(
        "Zoe's idea is stupid.",
        byId(thread(school.adminToken()), rude).getString("body"),
        "admins manage every classroom");
    assertEquals("post.hidden", edit(sam.token(), rude, "Sorry").code(), "no rewriting it");
    assertEquals(200, act(teacher.token(), "/posts/" + rude + "/unhide").status());
    assertEquals("Zoe's idea is stupid.", byId(thread(zoe.token()), rude).getString("body"));

    // Locked: no new posts, replies or edits, until unlocked.
    assertEquals(403, act(sam.token(), "/lock").status());
    Api.Response locked = act(teacher.token(), "/lock");
    assertEquals(200, locked.status(), locked::toString);
    assertTrue(locked.json().getBoolean("locked"));
    for (Api.Response refused :
        List.of(
            write(zoe.token(), "One more thing", null),
            write(zoe.token(), "And a reply", kind),
            edit(zoe.token(), kind, "I liked the storm part best."))) {
      assertEquals(409, refused.status(), refused::toString);
      assertEquals("discussion.locked", refused.code());
    }
    assertEquals(
        204,
        api.delete("/api/discussions/" + discussion + "/posts/" + kind)
            .token(zoe.token())
            .send()
            .status(),
        "an author may still take their post back");
    assertEquals(200, act(teacher.token(), "/unlock").status());
    assertEquals(201, write(zoe.token(), "Back again", null).status());

    // Pinned posts first: a pinned thread (with its replies) before the others.
    String question = post(teacher, "Everyone: one word for Mira?", null);
    String answer = post(sam, "Brave.", question);
    assertEquals(
        "post.not-top-level", act(teacher.token(), "/posts/" + answer + "/pin").code(), "replies");
    assertEquals(403, act(sam.token(), "/posts/" + question + "/pin").status());
    assertEquals(200, act(teacher.token(), "/posts/" + question + "/pin").status());
    List<String> order = ids(thread(zoe.token()));
    assertEquals(List.of(question, answer), order.subList(0, 2));
    assertTrue(byId(thread(zoe.token()), question).getBoolean("pinned"));
    assertEquals(200, act(teacher.token(), "/posts/" + question + "/unpin").status());
    assertEquals(rude, ids(thread(zoe.token())).get(0), "oldest first again");

    // Pinned discussions first in the classroom's list.
    String later = start(teacher, classroom, "What would you have done?").getString("id");
    assertEquals(later, listFor(sam, "?classroomId=" + classroom).get(0), "newest first");
    assertEquals(200, act(teacher.token(), "/pin").status());
    assertEquals(List.of(discussion, later), listFor(sam, "?classroomId=" + classroom));
  }

  private List<String> listFor(Schools.Person p, String query) {
    Api.Response r = api.get("/api/discussions" + query).token(p.token()).send();
    assertEquals(200, r.status(), r::toString);
    return ids(r.items());
  }

  @Test
  void studentsStartDiscussionsOnlyWhenTheSchoolLetsThemAndOfStoriesTheyMayRead() {
    Api.Response student = startAs(sam, classroom, "My own club");
    assertEquals(403, student.status(), student::toString);

    Api.Response granted =
        api.put("/api/users/" + sam.id() + "/permissions")
            .token(school.adminToken())
            .json(
                Api.obj(
                    "permissions", List.of(Api.obj("resource", "discussion", "action", "create"))))
            .send();
    assertEquals(200, granted.status(), granted::toString);
    String draft = schools.story(teacher.token(), "Draft", "beginner").getString("id");
    Api.Response unreadable =
        api.post("/api/discussions")
            .token(sam.token())
            .json(Api.obj("classroomId", classroom, "storyId", draft, "title", "Not mine to read"))
            .send();
    assertEquals(404, unreadable.status(), unreadable::toString);
    assertEquals("story.not-found", unreadable.code());
    assertEquals(201, startAs(sam, classroom, "My own club").status(), "a published story");
  }

  // ------------------------------------------------------------------ mentions, plain text

  @Test
  void mentionsNameTheClassroomsMembers() {
    Schools.Person outsider = schools.person(school, "student");
    rename(outsider, "Rosa Diaz");
    classroomOf(teacher, "5C", outsider);
    Api.Response r =
        write(
            sam.token(),
            "@zoëng and @Ms.Rivera: what about @RosaDiaz? (mail sam@school.test, @Samantha)",
            null);
    assertEquals(201, r.status(), r::toString);
    List<JsonObject> mentions = r.json().getJsonArray("mentions").getValuesAs(JsonObject.class);
    assertEquals(
        List.of(zoe.id(), teacher.id()),
        mentions.stream().map(m -> m.getString("userId")).toList());
    assertEquals("Zoë Ng", mentions.get(0).getString("displayName"));
    assertEquals(
        List.of("Zoë Ng", "Ms. Rivera"),
        byId(thread(zoe.token()), r.json().getString("id"))
            .getJsonArray("mentions")
            .getValuesAs(JsonObject.class)
            .stream()
            .map(m -> m.getString("displayName"))
            .toList(),
        "listed on the post for its readers");

    Schools.Person left = schools.person(school, "student");
    rename(left, "Lee Park");
    String leftsClass = classroomOf(teacher, "5D", left, sam);
    Api.Response before = discussionAndPost(leftsClass, "@LeePark, which chapter?");
    assertEquals(List.of(left.id()), mentionedIds(before));
    Api.Response deactivated =
        api.patch("/api/users/" + left.id())
            .token(school.adminToken())
            .json(Api.obj("active", false))
            .send();
    assertEquals(200, deactivated.status(), deactivated::toString);
    assertEquals(
        List.of(),
        mentionedIds(discussionAndPost(leftsClass, "@LeePark, still there?")),
        "a deactivated classmate is no longer someone to mention");

    Api.Response edited = edit(sam.token(), r.json().getString("id"), "Only @SamReed now.");
    assertEquals(
        List.of(sam.id()),
        edited.json().getJsonArray("mentions").getValuesAs(JsonObject.class).stream()
            .map(m -> m.getString("userId"))
            .toList(),
        "an edit resolves them again");
  }

  @Test
  void postsArePlainTextKeptExactlyAsWritten() {
    String markup = "<script>alert('hi')</script> & <b>bold</b>\n\tline two &amp; \"quoted\"";
    Api.Response r = write(sam.token(), markup, null);
    assertEquals(201, r.status(), r::toString);
    Api.Response read =
        api.get("/api/discussions/" + discussion + "/posts/" + r.json().getString("id"))
            .token(zoe.token())
            .send();
    assertTrue(read.contentType().startsWith("application/json"), read.contentType());
    assertEquals(markup, read.json().getString("body"), "not escaped, stripped or rendered");

    for (String bad : List.of("bell\u0007", "escape \u001b[31mred", "   \n\t ", "x".repeat(4001))) {
      Api.Response refused = write(sam.token(), bad, null);
      assertEquals(400, refused.status(), refused::toString);
      assertEquals(
          "body", refused.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    }
    assertEquals(201, write(sam.token(), "y".repeat(4000), null).status());
    assertEquals(2, thread(sam.token()).size(), "the refused ones left nothing");
  }

  // ------------------------------------------------------------------ isolation

  @Test
  void otherClassroomsAndOtherSchoolsGet404() {
    String samsPost = post(sam, "Our club only.", null);
    Schools.Person otherStudent = schools.person(school, "student");
    Schools.Person otherTeacher = schools.person(school, "teacher");
    String otherClassroom = classroomOf(otherTeacher, "6B", otherStudent);
    Schools.School otherSchool = schools.newSchool();

    List<String> outsiders =
        List.of(otherStudent.token(), otherTeacher.token(), otherSchool.adminToken());
    for (String token : outsiders) {
      for (Api.Response r :
          List.of(
              api.get("/api/discussions/" + discussion).token(token).send(),
              api.get("/api/discussions/" + discussion + "/posts").token(token).send(),
              api.get("/api/discussions/" + discussion + "/posts/" + samsPost).token(token).send(),
              write(token, "Let me in", null),
              write(token, "Reply", samsPost),
              edit(token, samsPost, "Mine"),
              api.delete("/api/discussions/" + discussion + "/posts/" + samsPost)
                  .token(token)
                  .send(),
              act(token, "/lock"),
              act(token, "/pin"),
              act(token, "/posts/" + samsPost + "/hide"))) {
        assertEquals(404, r.status(), r::toString);
        assertEquals("discussion.not-found", r.code());
      }
      Api.Response list = api.get("/api/discussions?classroomId=" + classroom).token(token).send();
      assertEquals(200, list.status(), list::toString);
      assertTrue(list.items().isEmpty(), "no discussions of a classroom one does not see");
      assertFalse(
          api.get("/api/discussions").token(token).send().body().contains(discussion),
          "nor among one's own");
    }
    Api.Response intoTheirs = startAs(otherTeacher, classroom, "Taking over");
    assertEquals(404, intoTheirs.status());
    assertEquals("classroom.not-found", intoTheirs.code());
    Api.Response fromAfar =
        api.post("/api/discussions")
            .token(otherSchool.adminToken())
            .json(Api.obj("classroomId", classroom, "storyId", story, "title", "Hello"))
            .send();
    assertEquals(404, fromAfar.status());

    String theirs = start(otherTeacher, otherClassroom, "6B's own club").getString("id");
    assertEquals(
        List.of(theirs), listFor(otherStudent, ""), "each student sees their classrooms' clubs");
    assertEquals(List.of(discussion), listFor(sam, ""));
    assertEquals(List.of(discussion), listFor(sam, "?storyId=" + story));
    assertEquals(
        "Our club only.", byId(thread(sam.token()), samsPost).getString("body"), "nothing changed");

    // A student who leaves the classroom leaves its club; an archived classroom's club is its
    // teachers' only, and takes no new posts.
    assertEquals(
        204,
        api.delete("/api/classrooms/" + classroom + "/students/" + zoe.id())
            .token(teacher.token())
            .send()
            .status());
    assertEquals(404, api.get("/api/discussions/" + discussion).token(zoe.token()).send().status());
    assertEquals(
        200,
        api.patch("/api/classrooms/" + classroom)
            .token(teacher.token())
            .json(Api.obj("archived", true))
            .send()
            .status());
    assertEquals(404, api.get("/api/discussions/" + discussion).token(sam.token()).send().status());
    assertTrue(listFor(sam, "").isEmpty());
    Api.Response archived = write(teacher.token(), "Anyone?", null);
    assertEquals(409, archived.status(), archived::toString);
    assertEquals("classroom.archived", archived.code());
    assertEquals(
        200, api.get("/api/discussions/" + discussion).token(teacher.token()).send().status());
  }

  @Test
  void platformAccountsReadButDoNotWriteInASchoolsClubs() {
    String root = schools.rootToken();
    Api.Response read =
        api.get("/api/discussions/" + discussion)
            .token(root)
            .header("X-Tenant-Id", school.slug())
            .send();
    assertEquals(200, read.status(), read::toString);
    Api.Response written =
        api.post("/api/discussions/" + discussion + "/posts")
            .token(root)
            .header("X-Tenant-Id", school.slug())
            .json(Api.obj("body", "Hello from the platform"))
            .send();
    assertEquals(403, written.status(), written::toString);
  }

  // ------------------------------------------------------------------ cost

  @Test
  void readsCostAFixedNumberOfStatements() {
    String top = post(sam, "One", null);
    post(zoe, "Two @SamReed", top);
    post(teacher, "Three", null);

    Api.Response list = api.get("/api/discussions").token(sam.token()).send();
    Api.Response inClassroom =
        api.get("/api/discussions?classroomId=" + classroom).token(sam.token()).send();
    Api.Response one = api.get("/api/discussions/" + discussion).token(sam.token()).send();
    Api.Response few =
        api.get("/api/discussions/" + discussion + "/posts").token(zoe.token()).send();
    Api.Response single =
        api.get("/api/discussions/" + discussion + "/posts/" + top).token(zoe.token()).send();
    // The caller (with their classrooms), the classrooms, one page.
    assertEquals(3, statements(list), "list");
    assertEquals(3, statements(inClassroom), "list of one classroom");
    // The caller, the discussion, its classroom.
    assertEquals(3, statements(one), "one discussion");
    // The caller, the discussion, its classroom, the page (or post), the names.
    assertEquals(5, statements(few), "thread");
    assertEquals(5, statements(single), "one post");

    for (int i = 0; i < 12; i++) {
      post(i % 2 == 0 ? sam : zoe, "More " + i + " @ZoëNg @SamReed", i % 3 == 0 ? null : top);
      start(teacher, classroom, "Question " + i);
    }
    Api.Response many =
        api.get("/api/discussions/" + discussion + "/posts?limit=100").token(zoe.token()).send();
    assertEquals(15, many.items().size());
    assertEquals(statements(few), statements(many), "however long the thread");
    Api.Response longer = api.get("/api/discussions?limit=100").token(sam.token()).send();
    assertEquals(13, longer.items().size());
    assertEquals(statements(list), statements(longer), "however many discussions");
  }
}
