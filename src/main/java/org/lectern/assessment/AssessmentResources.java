package org.lectern.assessment;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.Set;
import java.util.UUID;
import org.lectern.assessment.AssessmentDtos.AnswerRequest;
import org.lectern.assessment.AssessmentDtos.AttemptView;
import org.lectern.assessment.AssessmentDtos.ExercisePatch;
import org.lectern.assessment.AssessmentDtos.ExerciseRequest;
import org.lectern.assessment.AssessmentDtos.ExerciseView;
import org.lectern.assessment.AssessmentDtos.GradesRequest;
import org.lectern.assessment.AssessmentDtos.QuestionRequest;
import org.lectern.assessment.AssessmentDtos.QuestionView;
import org.lectern.assessment.AssessmentDtos.QuizPatch;
import org.lectern.assessment.AssessmentDtos.QuizQuestionsRequest;
import org.lectern.assessment.AssessmentDtos.QuizRequest;
import org.lectern.assessment.AssessmentDtos.QuizResults;
import org.lectern.assessment.AssessmentDtos.QuizView;
import org.lectern.platform.Authenticated;
import org.lectern.platform.ETags;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;

/** The assessment endpoints. */
public final class AssessmentResources {

  private AssessmentResources() {}

  /** {@code /api/exercises}: the question bank's exercises. */
  @RolesAllowed(Authenticated.ANY)
  @Path("exercises")
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  public static class Exercises {

    @Inject QuestionBank bank;

    @GET
    public Page<ExerciseView> list(
        @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
      return bank.exercises(cursor, Page.limit(limit));
    }

    @POST
    public Response create(@Valid @NotNull ExerciseRequest request) {
      ExerciseView e = bank.createExercise(request);
      return Response.created(UriBuilder.fromPath("/api/exercises/{id}").build(e.id()))
          .entity(e)
          .build();
    }

    @GET
    @Path("{id}")
    public ExerciseView get(@PathParam("id") UUID id) {
      return bank.exercise(id);
    }

    @PATCH
    @Path("{id}")
    public ExerciseView patch(@PathParam("id") UUID id, @Valid @NotNull ExercisePatch request) {
      return bank.updateExercise(id, request);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id) {
      bank.deleteExercise(id);
      return Response.noContent().build();
    }
  }

  /** {@code /api/questions}: the question bank's questions, with their keys. */
  @RolesAllowed(Authenticated.ANY)
  @Path("questions")
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  public static class Questions {

    private static final Set<String> TYPES =
        Set.of("mcq", "fill_blank", "drag_drop", "short_answer");

    @Inject QuestionBank bank;

    @GET
    public Page<QuestionView> list(
        @QueryParam("exerciseId") String exerciseId,
        @QueryParam("type") String type,
        @QueryParam("cursor") String cursor,
        @QueryParam("limit") String limit) {
      if (type != null && !TYPES.contains(type)) {
        throw LecternException.invalid(
            "type", "must be one of mcq, fill_blank, drag_drop, short_answer");
      }
      return bank.listQuestions(
          Page.idOption("exerciseId", exerciseId), type, cursor, Page.limit(limit));
    }

    @POST
    public Response create(@Valid @NotNull QuestionRequest request) {
      QuestionView q = bank.createQuestion(request);
      return Response.created(UriBuilder.fromPath("/api/questions/{id}").build(q.id()))
          .entity(q)
          .build();
    }

    @GET
    @Path("{id}")
    public QuestionView get(@PathParam("id") UUID id) {
      return bank.question(id);
    }

    @PUT
    @Path("{id}")
    public QuestionView replace(@PathParam("id") UUID id, @Valid @NotNull QuestionRequest request) {
      return bank.replaceQuestion(id, request);
    }

    @POST
    @Path("{id}/accept")
    public QuestionView accept(@PathParam("id") UUID id) {
      return bank.acceptQuestion(id);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id) {
      bank.deleteQuestion(id);
      return Response.noContent().build();
    }
  }

  /** {@code /api/quizzes}. */
  @RolesAllowed(Authenticated.ANY)
  @Path("quizzes")
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  public static class QuizResource {

    @Inject Quizzes quizzes;
    @Inject Attempts attempts;
    @Inject QuizResultsService results;

    @GET
    public Page<QuizView> list(
        @QueryParam("lessonId") String lessonId,
        @QueryParam("cursor") String cursor,
        @QueryParam("limit") String limit) {
      return quizzes.list(Page.idOption("lessonId", lessonId), cursor, Page.limit(limit));
    }

    @POST
    public Response create(@Valid @NotNull QuizRequest request) {
      QuizView q = quizzes.create(request);
      return Response.created(UriBuilder.fromPath("/api/quizzes/{id}").build(q.id()))
          .entity(q)
          .build();
    }

    @GET
    @Path("{id}")
    public QuizView get(@PathParam("id") UUID id) {
      return quizzes.get(id);
    }

    @PATCH
    @Path("{id}")
    public QuizView patch(
        @PathParam("id") UUID id,
        @HeaderParam("If-Match") String ifMatch,
        @Valid @NotNull QuizPatch request) {
      return quizzes.update(id, request, ETags.ifMatch(ifMatch));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id) {
      quizzes.delete(id);
      return Response.noContent().build();
    }

    @PUT
    @Path("{id}/questions")
    public QuizView questions(
        @PathParam("id") UUID id, @Valid @NotNull QuizQuestionsRequest request) {
      return quizzes.setQuestions(id, request);
    }

    /** 200 with the published quiz, or 202 with the approval it now waits for. */
    @POST
    @Path("{id}/publish")
    public QuizView publish(@PathParam("id") UUID id) {
      return quizzes.publish(id);
    }

    /** 201 with a new attempt, or 200 with the one in progress. */
    @POST
    @Path("{id}/attempts")
    public Response start(@PathParam("id") UUID id) {
      Attempts.Started s = attempts.start(id);
      if (!s.created()) {
        return Response.ok(s.attempt()).build();
      }
      return Response.created(UriBuilder.fromPath("/api/attempts/{id}").build(s.attempt().id()))
          .entity(s.attempt())
          .build();
    }

    @GET
    @Path("{id}/attempts")
    public Page<AttemptView> attempts(
        @PathParam("id") UUID id,
        @QueryParam("userId") String userId,
        @QueryParam("cursor") String cursor,
        @QueryParam("limit") String limit) {
      return attempts.ofQuiz(id, Page.idOption("userId", userId), cursor, Page.limit(limit));
    }

    @GET
    @Path("{id}/results")
    public QuizResults results(@PathParam("id") UUID id) {
      return results.of(id);
    }

    @GET
    @Path("{id}/results.csv")
    @Produces("text/csv")
    public Response csv(@PathParam("id") UUID id) {
      return Response.ok(results.csv(id), "text/csv; charset=UTF-8")
          .header("Content-Disposition", "attachment; filename=\"quiz-" + id + "-results.csv\"")
          .build();
    }
  }

  /** {@code /api/attempts}. */
  @RolesAllowed(Authenticated.ANY)
  @Path("attempts")
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  public static class AttemptResource {

    @Inject Attempts attempts;

    @GET
    @Path("{id}")
    public AttemptView get(@PathParam("id") UUID id) {
      return attempts.get(id);
    }

    @PUT
    @Path("{id}/answers/{questionId}")
    public AttemptView answer(
        @PathParam("id") UUID id,
        @PathParam("questionId") UUID questionId,
        @Valid @NotNull AnswerRequest request) {
      return attempts.answer(id, questionId, request);
    }

    @POST
    @Path("{id}/submit")
    public AttemptView submit(@PathParam("id") UUID id) {
      return attempts.submit(id);
    }

    @POST
    @Path("{id}/grades")
    public AttemptView grades(@PathParam("id") UUID id, @Valid @NotNull GradesRequest request) {
      return attempts.grade(id, request);
    }
  }
}
