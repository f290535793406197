/**
 * Classrooms and the work assigned in them: classrooms with their teachers, class codes and
 * students, assignments of teaching material, and submissions that follow a checked state machine
 * ({@link org.lectern.classroom.SubmissionState}); every act is decided by access control.
 */
package org.lectern.classroom;
