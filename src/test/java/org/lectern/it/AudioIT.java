package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.lectern.it.Schools.Person;
import org.lectern.it.Schools.School;
import org.lectern.media.AudioSamples;

/** Audio uploads over HTTP: bytes decide the type, downloads round-trip and honour ranges. */
class AudioIT extends ApiTestBase {

  private String story(Person teacher) {
    return schools.story(teacher.token(), "Sounds", "beginner").getString("id");
  }

  private Api.Response upload(String token, String storyId, byte[] data, String declaredType) {
    return api.post("/api/stories/" + storyId + "/audio?voiceType=female")
        .token(token)
        .bytes(data, declaredType)
        .send();
  }

  @Test
  void anUploadRoundTripsByteForByteWithItsSniffedTypeAndDuration() {
    School school = schools.newSchool();
    Person teacher = schools.person(school, "teacher");
    String storyId = story(teacher);
    byte[] wav = AudioSamples.wav(3, 8000);
    Api.Response created = upload(teacher.token(), storyId, wav, "application/octet-stream");
    assertEquals(201, created.status(), created::toString);
    JsonObject audio = created.json();
    assertEquals("audio/wav", audio.getString("contentType"));
    assertEquals(3, audio.getInt("durationSec"));
    assertEquals(wav.length, audio.getJsonNumber("sizeBytes").longValue());
    assertEquals("draft", audio.getString("status"));

    Api.BinaryResponse whole =
        api.get(audio.getString("contentUrl")).token(teacher.token()).sendForBytes();
    assertEquals(200, whole.status());
    assertArrayEquals(wav, whole.body());
    assertEquals("audio/wav", whole.header("Content-Type"));
    assertEquals("bytes", whole.header("Accept-Ranges"));

    Api.BinaryResponse part =
        api.get(audio.getString("contentUrl"))
            .token(teacher.token())
            .header("Range", "bytes=100-199")
            .sendForBytes();
    assertEquals(206, part.status());
    assertEquals("bytes 100-199/" + wav.length, part.header("Content-Range"));
    assertArrayEquals(Arrays.copyOfRange(wav, 100, 200), part.body());
    Api.BinaryResponse tail =
        api.get(audio.getString("contentUrl"))
            .token(teacher.token())
            .header("Range", "bytes=-10")
            .sendForBytes();
    assertArrayEquals(Arrays.copyOfRange(wav, wav.length - 10, wav.length), tail.body());
    assertEquals(
        416,
        api.get(audio.getString("contentUrl"))
            .token(teacher.token())
            .header("Range", "bytes=" + wav.length + "-")
            .sendForBytes()
            .status());

    byte[] mp3 = AudioSamples.mp3(115, true);
    Api.Response asMp3 = upload(teacher.token(), storyId, mp3, "audio/wav");
    assertEquals(201, asMp3.status(), asMp3::toString);
    assertEquals("audio/mpeg", asMp3.json().getString("contentType"), "the bytes, not the header");
  }

  @Test
  void somethingThatIsNotAudioIsRefusedWhateverItsName() {
    School school = schools.newSchool();
    Person teacher = schools.person(school, "teacher");
    String storyId = story(teacher);
    Api.Response png = upload(teacher.token(), storyId, AudioSamples.png(), "audio/mpeg");
    assertEquals(415, png.status(), png::toString);
    assertEquals("audio.unsupported", png.code());
    Api.Response noVoice =
        api.post("/api/stories/" + storyId + "/audio")
            .token(teacher.token())
            .bytes(AudioSamples.wav(1, 8000), "audio/wav")
            .send();
    assertEquals(400, noVoice.status());
    assertTrue(
        api.get("/api/stories/" + storyId + "/audio")
            .token(teacher.token())
            .send()
            .items()
            .isEmpty());
  }

  @Test
  void studentsHearOnlyPublishedAudioAndCannotUpload() {
    School school = schools.newSchool();
    Person teacher = schools.person(school, "teacher");
    Person student = schools.person(school, "student");
    String storyId = story(teacher);
    schools.publish(school, storyId);
    String audioId =
        upload(teacher.token(), storyId, AudioSamples.wav(1, 8000), "audio/wav")
            .json()
            .getString("id");
    assertEquals(404, api.get("/api/audio/" + audioId).token(student.token()).send().status());
    assertTrue(
        api.get("/api/stories/" + storyId + "/audio")
            .token(student.token())
            .send()
            .items()
            .isEmpty());
    assertEquals(
        403, upload(student.token(), storyId, AudioSamples.wav(1, 8000), "audio/wav").status());
    Api.Response published =
        api.patch("/api/audio/" + audioId)
            .token(teacher.token())
            .json(Api.obj("status", "published"))
            .send();
    assertEquals(200, published.status(), published::toString);
    assertEquals(
        200,
        api.get("/api/audio/" + audioId + "/content")
            .token(student.token())
            .sendForBytes()
            .status());
    assertEquals(403, api.delete("/api/audio/" + audioId).token(student.token()).send().status());
    assertEquals(204, api.delete("/api/audio/" + audioId).token(teacher.token()).send().status());
    assertEquals(404, api.get("/api/audio/" + audioId).token(teacher.token()).send().status());
  }

  @Test
  void uploadsOverTheLimitAre413() {
    School school = schools.newSchool();
    Person teacher = schools.person(school, "teacher");
    String storyId = story(teacher);
    // The ITs run with lectern.audio.max-bytes=2000000.
    byte[] big = AudioSamples.wav(130, 8000);
    assertTrue(big.length > 2_000_000);
    Api.Response r =
        api.post("/api/stories/" + storyId + "/audio?voiceType=male")
            .token(teacher.token())
            .expectContinue()
            .bytes(big, "audio/wav")
            .send();
    assertEquals(413, r.status());
    assertTrue(
        api.get("/api/stories/" + storyId + "/audio")
            .token(teacher.token())
            .send()
            .items()
            .isEmpty());
  }
}
