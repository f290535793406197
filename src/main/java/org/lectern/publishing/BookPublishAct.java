package org.lectern.publishing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbCreator;
import java.util.Optional;
import java.util.UUID;
import org.lectern.approval.ApprovableAct;
import org.lectern.approval.ApprovalSubject;

/**
 * {@code publishing:publish}: the last step of the workflow, {@code approved} → {@code published},
 * under approval by default (four eyes). Nobody approves their own request, and the book's writer
 * approves none of their book's; an approver who is not the writer publishes directly.
 */
@ApplicationScoped
public class BookPublishAct implements ApprovableAct<BookPublishAct.Payload> {

  /** What a pending publication stores: {@code {"submissionId": "..."}}. */
  public record Payload(UUID submissionId) {
    @JsonbCreator
    public Payload {}
  }

  @Inject SubmissionSteps steps;

  @Override
  public String entityType() {
    return BookSubmission.RESOURCE;
  }

  @Override
  public String action() {
    return Stage.PUBLISH;
  }

  @Override
  public boolean byDefault() {
    return true;
  }

  @Override
  public Class<Payload> payloadType() {
    return Payload.class;
  }

  @Override
  public Payload payload(UUID submissionId) {
    return new Payload(submissionId);
  }

  @Override
  public UUID entityId(Payload payload) {
    return payload.submissionId();
  }

  @Override
  public void execute(Payload payload) {
    steps.publish(payload.submissionId());
  }

  /**
   * Submissions as the approval workflow sees them: their attributes, version (a request is for the
   * submission as it was) and writer, who may not approve it.
   */
  @ApplicationScoped
  public static class Subject implements ApprovalSubject {

    @Inject Submissions submissions;

    @Override
    public String entityType() {
      return BookSubmission.RESOURCE;
    }

    @Override
    public Optional<Target> target(UUID id) {
      return submissions
          .find(id)
          .map(s -> new Target(s.attributes(), s.version(), s.submittedBy()));
    }
  }
}
