package org.lectern.assessment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.assessment.ClozeDtos.BlankCount;
import org.lectern.assessment.ClozeDtos.ClozeExerciseRequest;
import org.lectern.assessment.ClozeDtos.ClozeExerciseView;
import org.lectern.assessment.ClozeDtos.ClozeQuestionView;
import org.lectern.audit.AuditAction;
import org.lectern.audit.AuditNotes;
import org.lectern.audit.Audited;
import org.lectern.content.AssignableContent;
import org.lectern.content.AssignableContent.ClozeText;
import org.lectern.content.Chunks;
import org.lectern.context.RequestContext;
import org.lectern.platform.Ids;
import org.lectern.platform.Jsons;
import org.lectern.platform.LecternException;
import org.lectern.platform.SqlValues;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Cloze exercises: a fill-in-the-blank exercise in the school's question bank, made from a story
 * version's text (see {@link ClozeBlanks} for which words are blanked and how chunks become
 * questions). Made by whoever may read the story (and that version of it) and holds {@code
 * exercise:create}, teachers by default.
 */
@ApplicationScoped
@Transactional
public class ClozeExercises {

  static final String RESOURCE = "exercise";
  static final String TEACHER_MARKED = "teacher-marked";

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;
  @Inject AssignableContent content;
  @Inject ClozeTagger tagger;
  @Inject RequestContext context;
  @Inject AuditNotes audit;

  /**
   * Makes the exercise from version {@code number} of the story. With {@code words}, those words
   * are blanked wherever they occur; without, the story language's tagger finds the words of each
   * part of speech the version's cloze settings name, and the seed picks the share to blank. 404
   * for a story or version the caller may not read, 403 without {@code exercise:create}, 409 when
   * there is nothing to go by (no tagger for the language and no words; no cloze settings) or
   * nothing to blank.
   */
  @Audited(action = AuditAction.CREATE, entity = RESOURCE)
  public ClozeExerciseView create(UUID storyId, int number, ClozeExerciseRequest r) {
    if (content.readableTitle("story", storyId).isEmpty()) {
      throw LecternException.notFound("story");
    }
    ClozeText text =
        content
            .clozeText(storyId, number)
            .orElseThrow(
                () ->
                    new LecternException(
                        404, "story-version.not-found", "No such version of this story."));
    access.requireSchoolMember("Exercises are made by the school's own people.");
    access.require(RESOURCE, "create");

    List<Chunks.Piece> pieces = text.chunks();
    String taggerName;
    String note = null;
    ClozeBlanks.Result result;
    if (r.words() != null && !r.words().isEmpty()) {
      List<ClozeBlanks.Chunk> chunks = chunks(pieces, null);
      taggerName = TEACHER_MARKED;
      result = ClozeBlanks.byMarkedWords(chunks, r.words());
      note = markedNote(text, ClozeBlanks.missing(chunks, r.words()));
    } else {
      Optional<ClozeTagger.Tagger> found = tagger.forLanguage(text.language());
      if (found.isEmpty()) {
        throw LecternException.conflict(
            "cloze.words-required",
            "There is no part-of-speech tagger for the story's language '"
                + text.language()
                + "' (there is for: "
                + String.join(", ", tagger.languages())
                + "); mark the words to blank in 'words'.");
      }
      if (text.ratios().isEmpty()) {
        throw LecternException.conflict(
            "cloze.no-settings",
            "Version "
                + number
                + " has no cloze settings: set the share of each part of speech to blank with"
                + " PUT /api/stories/{id}/versions/{n}/cloze, or mark the words in 'words'.");
      }
      taggerName = found.get().name();
      result = ClozeBlanks.byPartOfSpeech(chunks(pieces, found.get()), text.ratios(), r.seed());
    }
    if (result.questions().isEmpty()) {
      throw LecternException.conflict(
          "cloze.no-blanks",
          TEACHER_MARKED.equals(taggerName)
              ? "None of the marked words occurs in this version's text."
              : "The cloze settings blank no word of this version's text: raise a ratio.");
    }
    return store(text, r, taggerName, note, result);
  }

  // ---------------------------------------------------------------- helpers

  /**
   * The chunks blanks may go in: every chunk but the reader's notes ({@code explain}), tagged when
   * there is a tagger.
   */
  private static List<ClozeBlanks.Chunk> chunks(
      List<Chunks.Piece> pieces, ClozeTagger.Tagger tagger) {
    List<ClozeBlanks.Chunk> out = new ArrayList<>();
    for (int i = 0; i < pieces.size(); i++) {
      Chunks.Piece p = pieces.get(i);
      if (p.type() == Chunks.Type.explain) {
        continue;
      }
      out.add(
          new ClozeBlanks.Chunk(
              i + 1, p.text(), tagger == null ? List.of() : tagger.tag(p.text())));
    }
    return out;
  }

  private String markedNote(ClozeText text, List<String> missing) {
    StringBuilder sb = new StringBuilder("Blanked every occurrence of the marked words");
    if (!tagger.covers(text.language())) {
      sb.append(" (there is no part-of-speech tagger for '").append(text.language()).append("')");
    } else {
      sb.append(" instead of the cloze settings");
    }
    sb.append("; the seed does not change them.");
    if (!missing.isEmpty()) {
      sb.append(" Not in the text: ").append(String.join(", ", missing)).append('.');
    }
    return sb.toString();
  }

  /**
   * Writes the exercise and its questions in one statement: the questions come in as one JSON
   * array, whatever their number.
   */
  private ClozeExerciseView store(
      ClozeText text,
      ClozeExerciseRequest r,
      String taggerName,
      String note,
      ClozeBlanks.Result result) {
    UUID id = Ids.newId();
    UUID me = context.caller().id();
    String title = r.title() != null ? r.title() : defaultTitle(text);
    String description =
        "Cloze exercise from version "
            + text.version()
            + " of \u201c"
            + text.title()
            + "\u201d, seed "
            + r.seed()
            + ", words chosen by "
            + taggerName
            + ".";
    JsonBuilderFactory json = Jsons.builders();
    JsonArrayBuilder rows = json.createArrayBuilder();
    List<ClozeQuestionView> questions = new ArrayList<>();
    for (ClozeBlanks.Question q : result.questions()) {
      UUID qid = Ids.newId();
      int position = questions.size() + 1;
      JsonObject content = json.createObjectBuilder().add("blanks", q.answers().size()).build();
      JsonObject key = answerKey(q.answers());
      rows.add(
          json.createObjectBuilder()
              .add("id", qid.toString())
              .add("position", position)
              .add("stem", q.stem())
              .add("content", content)
              .add("answer_key", key));
      questions.add(
          new ClozeQuestionView(qid, position, "fill_blank", q.chunk(), q.stem(), content, key));
    }
    Object[] row =
        (Object[])
            tem.sql(
                    "WITH e AS (INSERT INTO exercises"
                        + " (tenant_id, id, title, description, kind, story_id, story_version,"
                        + " seed, created_by)"
                        + " VALUES (?1, CAST(?2 AS uuid), ?3, ?4, 'cloze', CAST(?5 AS uuid), ?6,"
                        + " ?7, CAST(?8 AS uuid)) RETURNING id, created_at),"
                        + " q AS (INSERT INTO questions (tenant_id, id, exercise_id, position,"
                        + " stem, type, content, answer_key, created_by, created_at, updated_at)"
                        + " SELECT ?1, r.id, e.id, r.position, r.stem, 'fill_blank', r.content,"
                        + " r.answer_key, CAST(?8 AS uuid), e.created_at, e.created_at"
                        + " FROM e, jsonb_to_recordset(CAST(?9 AS jsonb))"
                        + " AS r (id uuid, position integer, stem text, content jsonb,"
                        + " answer_key jsonb) RETURNING 1)"
                        + " SELECT e.created_at, (SELECT count(*) FROM q) FROM e")
                .setParameter(2, id.toString())
                .setParameter(3, title)
                .setParameter(4, description)
                .setParameter(5, text.storyId().toString())
                .setParameter(6, text.version())
                .setParameter(7, r.seed())
                .setParameter(8, me.toString())
                .setParameter(9, rows.build().toString())
                .getSingleResult();
    List<BlankCount> counts = result.counts().stream().map(BlankCount::of).toList();
    Map<String, Object> audited = new LinkedHashMap<>();
    audited.put("title", title);
    audited.put("kind", "cloze");
    audited.put("storyId", text.storyId().toString());
    audited.put("storyVersion", text.version());
    audited.put("seed", r.seed());
    audited.put("tagger", taggerName);
    audited.put("questions", questions.size());
    audited.put("blanks", result.blanks());
    audit.subject(id);
    audit.values(null, audited);
    return new ClozeExerciseView(
        id,
        title,
        description,
        "cloze",
        text.storyId(),
        text.version(),
        r.seed(),
        taggerName,
        note,
        counts,
        result.blanks(),
        questions,
        me,
        SqlValues.instant(row[0]));
  }

  /**
   * A fill_blank key as {@link Grading#credit} reads it: each blank's accepted answers, compared
   * without regard to case (a blank at a sentence's start is still the word) but with diacritics
   * (they tell words apart).
   */
  static JsonObject answerKey(List<String> answers) {
    JsonBuilderFactory json = Jsons.builders();
    JsonArrayBuilder blanks = json.createArrayBuilder();
    for (String a : answers) {
      blanks.add(json.createObjectBuilder().add("accepted", json.createArrayBuilder().add(a)));
    }
    return json.createObjectBuilder()
        .add("blanks", blanks)
        .add(
            "matching",
            json.createObjectBuilder().add("caseSensitive", false).add("diacriticsSensitive", true))
        .build();
  }

  private static String defaultTitle(ClozeText text) {
    String suffix = " (cloze, version " + text.version() + ")";
    String title = text.title();
    int room = 255 - suffix.length();
    if (title.length() > room) {
      title = title.substring(0, room - 1).strip() + "\u2026";
    }
    return title + suffix;
  }
}
