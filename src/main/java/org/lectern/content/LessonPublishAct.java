package org.lectern.content;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbCreator;
import java.util.UUID;
import org.lectern.approval.ApprovableAct;

/**
 * {@code lesson:publish}: publishing a lesson for its course's students. Schools may put it under
 * approval; by default the right to publish is enough.
 */
@ApplicationScoped
public class LessonPublishAct implements ApprovableAct<LessonPublishAct.Payload> {

  /** What a pending lesson publication stores: {@code {"lessonId": "..."}}. */
  public record Payload(UUID lessonId) {
    @JsonbCreator
    public Payload {}
  }

  @Inject LessonService lessons;

  @Override
  public String entityType() {
    return LessonService.LESSON;
  }

  @Override
  public String action() {
    return "publish";
  }

  @Override
  public boolean byDefault() {
    return false;
  }

  @Override
  public Class<Payload> payloadType() {
    return Payload.class;
  }

  @Override
  public Payload payload(UUID lessonId) {
    return new Payload(lessonId);
  }

  @Override
  public UUID entityId(Payload payload) {
    return payload.lessonId();
  }

  @Override
  public void execute(Payload payload) {
    lessons.publish(payload.lessonId());
  }
}
