package org.lectern.assessment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbCreator;
import java.util.Optional;
import java.util.UUID;
import org.lectern.approval.ApprovableAct;
import org.lectern.approval.ApprovalSubject;

/**
 * {@code quiz:publish}: publishing a quiz for its lesson's students. Schools may put it under
 * approval, like lessons; by default the right to edit the lesson is enough.
 */
@ApplicationScoped
public class QuizPublishAct implements ApprovableAct<QuizPublishAct.Payload> {

  /** What a pending quiz publication stores: {@code {"quizId": "..."}}. */
  public record Payload(UUID quizId) {
    @JsonbCreator
    public Payload {}
  }

  @Inject Quizzes quizzes;

  @Override
  public String entityType() {
    return Quizzes.QUIZ;
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
  public Payload payload(UUID quizId) {
    return new Payload(quizId);
  }

  @Override
  public UUID entityId(Payload payload) {
    return payload.quizId();
  }

  @Override
  public void execute(Payload payload) {
    quizzes.publish(payload.quizId());
  }

  /** Quizzes as the approval workflow sees them: the quiz's attributes, version and author. */
  @ApplicationScoped
  public static class Subject implements ApprovalSubject {

    @Inject Quizzes quizzes;

    @Override
    public String entityType() {
      return Quizzes.QUIZ;
    }

    @Override
    public Optional<Target> target(UUID id) {
      return quizzes.find(id).map(q -> new Target(q.attributes(), q.version(), q.createdBy()));
    }
  }
}
