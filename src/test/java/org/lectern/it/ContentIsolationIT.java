package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lectern.it.Schools.Person;
import org.lectern.it.Schools.School;
import org.lectern.media.AudioSamples;

/**
 * Every content endpoint refuses another school's ids with 404, even to that school's admin, and
 * changes nothing.
 */
class ContentIsolationIT extends ApiTestBase {

  @Test
  void everyContentEndpointRefusesAnotherSchoolsIds() {
    School mine = schools.newSchool();
    Person teacher = schools.person(mine, "teacher");
    Person student = schools.person(mine, "student");
    String course =
        api.post("/api/courses")
            .token(teacher.token())
            .json(Api.obj("title", "Ours", "level", "B1", "difficulty", "intermediate"))
            .send()
            .json()
            .getString("id");
    String unit =
        api.post("/api/courses/" + course + "/units")
            .token(teacher.token())
            .json(Api.obj("title", "U"))
            .send()
            .json()
            .getString("id");
    String lesson =
        api.post("/api/units/" + unit + "/lessons")
            .token(teacher.token())
            .json(Api.obj("title", "L"))
            .send()
            .json()
            .getString("id");
    String story = schools.story(teacher.token(), "Ours too", "beginner").getString("id");
    String audio =
        api.post("/api/stories/" + story + "/audio?voiceType=child")
            .token(teacher.token())
            .bytes(AudioSamples.wav(1, 8000), "audio/wav")
            .send()
            .json()
            .getString("id");
    String tag =
        api.post("/api/tags")
            .token(teacher.token())
            .json(Api.obj("name", "ours"))
            .send()
            .json()
            .getString("id");
    api.post("/api/courses/" + course + "/enrollments")
        .token(teacher.token())
        .json(Api.obj("userId", student.id()))
        .send();
    JsonObject courseBefore =
        api.get("/api/courses/" + course).token(mine.adminToken()).send().json();
    JsonObject storyBefore =
        api.get("/api/stories/" + story).token(mine.adminToken()).send().json();

    School theirs = schools.newSchool();
    String t = theirs.adminToken();
    String order = Api.obj("ids", Json.createArrayBuilder(List.of(unit)).build()).toString();
    String lessonOrder =
        Api.obj("ids", Json.createArrayBuilder(List.of(lesson)).build()).toString();
    List<Api.Call> calls = new ArrayList<>();
    calls.add(api.get("/api/courses/" + course).token(t));
    calls.add(api.patch("/api/courses/" + course).token(t).json(Api.obj("title", "x")));
    calls.add(api.delete("/api/courses/" + course).token(t));
    calls.add(api.delete("/api/courses/" + course + "?permanent=true").token(t));
    calls.add(api.post("/api/courses/" + course + "/restore").token(t));
    calls.add(api.post("/api/courses/" + course + "/units").token(t).json(Api.obj("title", "x")));
    calls.add(api.put("/api/courses/" + course + "/unit-order").token(t).json(order));
    calls.add(api.get("/api/courses/" + course + "/enrollments").token(t));
    calls.add(
        api.post("/api/courses/" + course + "/enrollments")
            .token(t)
            .json(Api.obj("userId", student.id())));
    calls.add(api.delete("/api/courses/" + course + "/enrollments/" + student.id()).token(t));
    calls.add(api.get("/api/units/" + unit).token(t));
    calls.add(api.get("/api/courses/" + course + "/enrollments/" + student.id()).token(t));
    calls.add(api.patch("/api/units/" + unit).token(t).json(Api.obj("title", "x")));
    calls.add(api.delete("/api/units/" + unit).token(t));
    calls.add(api.post("/api/units/" + unit + "/lessons").token(t).json(Api.obj("title", "x")));
    calls.add(api.put("/api/units/" + unit + "/lesson-order").token(t).json(lessonOrder));
    calls.add(api.get("/api/lessons/" + lesson).token(t));
    calls.add(api.patch("/api/lessons/" + lesson).token(t).json(Api.obj("title", "x")));
    calls.add(api.post("/api/lessons/" + lesson + "/publish").token(t));
    calls.add(api.delete("/api/lessons/" + lesson).token(t));
    calls.add(api.delete("/api/lessons/" + lesson + "?permanent=true").token(t));
    calls.add(api.post("/api/lessons/" + lesson + "/restore").token(t));
    calls.add(api.get("/api/lessons/" + lesson + "/audio").token(t));
    calls.add(
        api.post("/api/lessons/" + lesson + "/audio?voiceType=male")
            .token(t)
            .bytes(AudioSamples.wav(1, 8000), "audio/wav"));
    calls.add(api.get("/api/stories/" + story).token(t));
    calls.add(api.patch("/api/stories/" + story).token(t).json(Api.obj("title", "x")));
    calls.add(
        api.put("/api/stories/" + story + "/chunks")
            .token(t)
            .json(Api.obj("chunks", Json.createArrayBuilder().add(Api.obj("text", "x")).build())));
    calls.add(api.patch("/api/stories/" + story + "/chunks/1").token(t).json(Api.obj("text", "x")));
    calls.add(api.get("/api/stories/" + story + "/versions").token(t));
    calls.add(api.get("/api/stories/" + story + "/versions/1").token(t));
    calls.add(api.get("/api/stories/" + story + "/versions/1/diff").token(t));
    calls.add(api.post("/api/stories/" + story + "/versions/1/restore").token(t));
    calls.add(api.get("/api/stories/" + story + "/versions/1/cloze").token(t));
    calls.add(
        api.put("/api/stories/" + story + "/versions/1/cloze")
            .token(t)
            .json(Api.obj("settings", Json.createArrayBuilder().build())));
    calls.add(
        api.put("/api/stories/" + story + "/tags")
            .token(t)
            .json(Api.obj("tags", Json.createArrayBuilder(List.of("x")).build())));
    calls.add(api.post("/api/stories/" + story + "/publish").token(t));
    calls.add(api.delete("/api/stories/" + story + "?permanent=true").token(t));
    calls.add(api.get("/api/stories/" + story + "/audio").token(t));
    calls.add(
        api.post("/api/stories/" + story + "/audio?voiceType=male")
            .token(t)
            .bytes(AudioSamples.wav(1, 8000), "audio/wav"));
    calls.add(api.get("/api/audio/" + audio).token(t));
    calls.add(api.get("/api/audio/" + audio + "/content").token(t));
    calls.add(api.patch("/api/audio/" + audio).token(t).json(Api.obj("status", "published")));
    calls.add(api.delete("/api/audio/" + audio).token(t));
    calls.add(api.patch("/api/tags/" + tag).token(t).json(Api.obj("name", "x")));
    calls.add(api.delete("/api/tags/" + tag).token(t));
    for (Api.Call call : calls) {
      Api.Response r = call.send();
      assertEquals(404, r.status(), () -> call + " answered " + r);
    }
    // Lists and searches of the other school never show ours.
    for (String list :
        List.of(
            "/api/courses",
            "/api/lessons",
            "/api/stories",
            "/api/stories?q=ours",
            "/api/lessons?q=L",
            "/api/tags",
            "/api/lessons?courseId=" + course,
            "/api/stories?tag=ours")) {
      assertEquals(List.of(), api.get(list).token(t).send().items(), list);
    }
    // Lessons and stories of ours cannot be named in theirs.
    String theirCourse =
        api.post("/api/courses")
            .token(t)
            .json(Api.obj("title", "Theirs", "level", "A1", "difficulty", "beginner"))
            .send()
            .json()
            .getString("id");
    String theirUnit =
        api.post("/api/courses/" + theirCourse + "/units")
            .token(t)
            .json(Api.obj("title", "U"))
            .send()
            .json()
            .getString("id");
    Api.Response cross =
        api.post("/api/units/" + theirUnit + "/lessons")
            .token(t)
            .json(
                Api.obj(
                    "title",
                    "x",
                    "prerequisites",
                    Json.createArrayBuilder(List.of(lesson)).build()))
            .send();
    assertEquals(400, cross.status(), cross::toString);
    Api.Response storyIntoOurLesson =
        api.post("/api/stories")
            .token(t)
            .json(
                Api.obj("title", "x", "content", "y", "difficulty", "beginner", "lessonId", lesson))
            .send();
    assertEquals(400, storyIntoOurLesson.status(), storyIntoOurLesson::toString);
    Api.Response enrolOurStudent =
        api.post("/api/courses/" + theirCourse + "/enrollments")
            .token(t)
            .json(Api.obj("userId", student.id()))
            .send();
    assertEquals(400, enrolOurStudent.status(), enrolOurStudent::toString);

    // Nothing of ours changed.
    JsonObject courseAfter =
        api.get("/api/courses/" + course).token(mine.adminToken()).send().json();
    assertEquals(courseBefore, courseAfter);
    JsonObject storyAfter = api.get("/api/stories/" + story).token(mine.adminToken()).send().json();
    assertEquals(storyBefore, storyAfter);
    assertEquals(200, api.get("/api/audio/" + audio).token(teacher.token()).send().status());
    assertEquals(1, api.get("/api/tags").token(teacher.token()).send().items().size());
    assertEquals(
        1,
        api.get("/api/courses/" + course + "/enrollments")
            .token(teacher.token())
            .send()
            .items()
            .size());
  }
}
