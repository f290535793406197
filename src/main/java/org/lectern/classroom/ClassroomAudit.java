package org.lectern.classroom;

import jakarta.enterprise.context.ApplicationScoped;
import org.lectern.audit.EntityAudit;

/** Classrooms, assignments and submissions as the audit trail sees them. */
public final class ClassroomAudit {

  private ClassroomAudit() {}

  /** Classrooms (their code included: who changed it, and when, is worth knowing). */
  @ApplicationScoped
  public static class Classrooms extends EntityAudit {
    public Classrooms() {
      super(Classroom.RESOURCE, Classroom.class);
    }
  }

  /** Assignments. */
  @ApplicationScoped
  public static class Assignments extends EntityAudit {
    public Assignments() {
      super(Assignment.RESOURCE, Assignment.class);
    }
  }

  /** Submissions: every transition is an entry with the state before and after. */
  @ApplicationScoped
  public static class Submissions extends EntityAudit {
    public Submissions() {
      super(Submission.RESOURCE, Submission.class);
    }
  }
}
