package org.lectern.assessment;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.lectern.assessment.AssessmentDtos.BlankRequest;
import org.lectern.assessment.AssessmentDtos.ChoiceRequest;
import org.lectern.assessment.AssessmentDtos.PairRequest;
import org.lectern.assessment.AssessmentDtos.QuestionRequest;
import org.lectern.platform.Ids;
import org.lectern.platform.LecternException;

/**
 * A question request checked for its type and split into what students see ({@code content}: the
 * choices, items and sides with ids, the number of blanks) and what grades it ({@code key}: the
 * correct choice ids, accepted answers, the right order or pairs). The key is what {@link
 * Grading#credit} reads.
 */
final class QuestionSpecs {

  /** A multiple-choice option as the choices table keeps it. */
  record Choice(UUID id, int position, String text, boolean correct) {}

  record Spec(JsonObject content, JsonObject key, List<Choice> choices) {}

  private QuestionSpecs() {}

  static Spec of(QuestionRequest r) {
    return switch (r.type()) {
      case "mcq" -> mcq(r);
      case "fill_blank" -> fillBlank(r);
      case "drag_drop" -> "matching".equals(r.mode()) ? matching(r) : ordering(r);
      case "short_answer" -> shortAnswer(r);
      default -> throw LecternException.invalid("type", "unknown question type");
    };
  }

  private static Spec mcq(QuestionRequest r) {
    only(r, "choices", "multiple");
    List<ChoiceRequest> given = r.choices();
    if (given == null || given.size() < 2) {
      throw LecternException.invalid("choices", "a multiple-choice question needs 2 to 20 choices");
    }
    boolean multiple = Boolean.TRUE.equals(r.multiple());
    long correct = given.stream().filter(ChoiceRequest::correct).count();
    if (correct == 0 || (!multiple && correct != 1)) {
      throw LecternException.invalid(
          "choices",
          multiple
              ? "mark at least one choice correct"
              : "mark exactly one choice correct (or set multiple)");
    }
    distinct("choices", given.stream().map(c -> c.text().strip()).toList());
    List<Choice> choices = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      choices.add(
          new Choice(Ids.newId(), i + 1, given.get(i).text().strip(), given.get(i).correct()));
    }
    return mcqSpec(multiple, choices);
  }

  /** The content and key of a multiple-choice question from its stored choices. */
  static Spec mcqSpec(boolean multiple, List<Choice> choices) {
    JsonArrayBuilder shown = Json.createArrayBuilder();
    JsonArrayBuilder right = Json.createArrayBuilder();
    for (Choice c : choices) {
      shown.add(Json.createObjectBuilder().add("id", c.id().toString()).add("text", c.text()));
      if (c.correct()) {
        right.add(c.id().toString());
      }
    }
    return new Spec(
        Json.createObjectBuilder().add("multiple", multiple).add("choices", shown).build(),
        Json.createObjectBuilder().add("multiple", multiple).add("correct", right).build(),
        choices);
  }

  private static Spec fillBlank(QuestionRequest r) {
    only(r, "blanks", "matching");
    List<BlankRequest> blanks = r.blanks();
    if (blanks == null || blanks.isEmpty()) {
      throw LecternException.invalid("blanks", "a fill-in-the-blank question needs 1 to 20 blanks");
    }
    JsonArrayBuilder key = Json.createArrayBuilder();
    for (BlankRequest b : blanks) {
      key.add(Json.createObjectBuilder().add("accepted", strings(b.accepted())));
    }
    return new Spec(
        Json.createObjectBuilder().add("blanks", blanks.size()).build(),
        matching(r, Json.createObjectBuilder().add("blanks", key)).build(),
        List.of());
  }

  private static Spec ordering(QuestionRequest r) {
    only(r, "mode", "items");
    List<String> items = r.items();
    if (r.mode() == null || items == null || items.size() < 2) {
      throw LecternException.invalid(
          "items", "a drag-and-drop question needs mode, and 2 to 20 items in their right order");
    }
    distinct("items", items);
    JsonArrayBuilder shown = Json.createArrayBuilder();
    JsonArrayBuilder order = Json.createArrayBuilder();
    for (String item : items) {
      String id = Ids.newId().toString();
      shown.add(Json.createObjectBuilder().add("id", id).add("text", item.strip()));
      order.add(id);
    }
    return new Spec(
        Json.createObjectBuilder().add("mode", "ordering").add("items", shown).build(),
        Json.createObjectBuilder().add("mode", "ordering").add("order", order).build(),
        List.of());
  }

  private static Spec matching(QuestionRequest r) {
    only(r, "mode", "pairs");
    List<PairRequest> pairs = r.pairs();
    if (pairs == null || pairs.size() < 2) {
      throw LecternException.invalid("pairs", "a matching question needs 2 to 20 pairs");
    }
    distinct("pairs", pairs.stream().map(p -> p.left().strip()).toList());
    distinct("pairs", pairs.stream().map(p -> p.right().strip()).toList());
    JsonArrayBuilder left = Json.createArrayBuilder();
    JsonArrayBuilder right = Json.createArrayBuilder();
    JsonObjectBuilder key = Json.createObjectBuilder();
    for (PairRequest p : pairs) {
      String l = Ids.newId().toString();
      String rt = Ids.newId().toString();
      left.add(Json.createObjectBuilder().add("id", l).add("text", p.left().strip()));
      right.add(Json.createObjectBuilder().add("id", rt).add("text", p.right().strip()));
      key.add(l, rt);
    }
    return new Spec(
        Json.createObjectBuilder()
            .add("mode", "matching")
            .add("left", left)
            .add("right", right)
            .build(),
        Json.createObjectBuilder().add("mode", "matching").add("pairs", key).build(),
        List.of());
  }

  private static Spec shortAnswer(QuestionRequest r) {
    only(r, "accepted", "matching");
    List<String> accepted = r.accepted() == null ? List.of() : r.accepted();
    return new Spec(
        Json.createObjectBuilder().build(),
        matching(r, Json.createObjectBuilder().add("accepted", strings(accepted))).build(),
        List.of());
  }

  private static JsonObjectBuilder matching(QuestionRequest r, JsonObjectBuilder key) {
    boolean caseSensitive =
        r.matching() != null && Boolean.TRUE.equals(r.matching().caseSensitive());
    boolean diacritics =
        r.matching() != null && Boolean.TRUE.equals(r.matching().diacriticsSensitive());
    return key.add(
        "matching",
        Json.createObjectBuilder()
            .add("caseSensitive", caseSensitive)
            .add("diacriticsSensitive", diacritics));
  }

  private static JsonArrayBuilder strings(List<String> values) {
    JsonArrayBuilder a = Json.createArrayBuilder();
    values.forEach(v -> a.add(v.strip()));
    return a;
  }

  private static void distinct(String field, List<String> values) {
    if (new HashSet<>(values).size() != values.size()) {
      throw LecternException.invalid(field, "must not repeat itself");
    }
  }

  /** Refuses the fields of other question types, so a mistaken type is a 400, not silence. */
  private static void only(QuestionRequest r, String... allowed) {
    List<String> ok = List.of(allowed);
    check(ok, "multiple", r.multiple());
    check(ok, "choices", r.choices());
    check(ok, "blanks", r.blanks());
    check(ok, "mode", r.mode());
    check(ok, "items", r.items());
    check(ok, "pairs", r.pairs());
    check(ok, "accepted", r.accepted());
    check(ok, "matching", r.matching());
  }

  private static void check(List<String> ok, String field, Object value) {
    if (value != null && !ok.contains(field)) {
      throw LecternException.invalid(field, "does not belong to this type of question");
    }
  }
}
