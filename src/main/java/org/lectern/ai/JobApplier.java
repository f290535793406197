package org.lectern.ai;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.lectern.ai.AiDtos.JobView;
import org.lectern.ai.AiDtos.Kind;
import org.lectern.assessment.AssessmentDtos.DraftExercise;
import org.lectern.assessment.AssessmentDtos.DraftQuestion;
import org.lectern.assessment.QuestionBank;
import org.lectern.learning.VocabularyDtos.DraftWord;
import org.lectern.learning.VocabularyDtos.StoryWordView;
import org.lectern.learning.VocabularyService;
import org.lectern.platform.Jsons;

/**
 * Puts teaching material to use once it may be seen: comprehension questions become draft questions
 * of a new exercise in the question bank, a vocabulary list becomes draft words of the story. Runs
 * as whoever lets it through (the requester when the gate passed it, the reviewer who approved it),
 * in the caller's transaction; answers the result with the ids made.
 */
@ApplicationScoped
class JobApplier {

  @Inject QuestionBank bank;
  @Inject VocabularyService vocabulary;

  JsonObject apply(JobView job, JsonObject result) {
    if (job.kind() != Kind.teaching_material || result == null) {
      return result;
    }
    JsonObjectBuilder out = Jsons.builders().createObjectBuilder(result);
    switch (result.getString("material", "")) {
      case "questions" -> {
        List<DraftQuestion> drafts = new ArrayList<>();
        for (JsonValue v : result.getJsonArray("questions")) {
          JsonObject q = v.asJsonObject();
          drafts.add(new DraftQuestion(q.getString("stem"), q.getString("answer")));
        }
        DraftExercise made =
            bank.createDraftExercise(
                "Questions on " + result.getString("storyTitle", "a story"),
                "Draft comprehension questions written by AI job " + job.id() + ".",
                drafts);
        out.add("exerciseId", made.exerciseId().toString());
        out.add("questionIds", ids(made.questionIds()));
      }
      case "vocabulary" -> {
        List<DraftWord> words = new ArrayList<>();
        for (JsonValue v : result.getJsonArray("words")) {
          JsonObject w = v.asJsonObject();
          words.add(
              new DraftWord(
                  w.getString("word"),
                  w.getString("definition"),
                  w.getString("partOfSpeech", null),
                  w.getString("example", null)));
        }
        List<StoryWordView> added = vocabulary.addDraftStoryWords(job.storyId(), words);
        out.add("wordIds", ids(added.stream().map(StoryWordView::id).toList()));
      }
      default -> {
        // a summary is the result itself
      }
    }
    return out.build();
  }

  private static JsonArrayBuilder ids(List<UUID> ids) {
    JsonArrayBuilder a = Jsons.builders().createArrayBuilder();
    ids.forEach(id -> a.add(id.toString()));
    return a;
  }
}
