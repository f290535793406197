package org.lectern.assessment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.classroom.AssignmentTargets;
import org.lectern.content.AssignableContent;

/**
 * Quizzes as assignment targets: a quiz is assignable to whoever could take it (published, of a
 * lesson they may read, with {@code quiz:attempt}), and visible as a target to who may edit it.
 */
@ApplicationScoped
public class QuizTargets implements AssignmentTargets {

  @Inject Quizzes quizzes;
  @Inject AccessControl access;
  @Inject AssignableContent content;

  @Override
  public String type() {
    return Quizzes.QUIZ;
  }

  @Override
  public Optional<String> readableTitle(UUID id) {
    return quizzes
        .find(id)
        .filter(
            q ->
                content.mayUpdateLesson(q.lessonId())
                    || (q.published()
                        && access.can(Quizzes.QUIZ, "attempt", q.attributes())
                        && content.readableTitle("lesson", q.lessonId()).isPresent()))
        .map(Quizzes.Quiz::title);
  }
}
