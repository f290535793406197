/**
 * Assessment: the school's question bank (exercises of multiple-choice, fill-in-the-blank,
 * drag-and-drop and short-answer questions), quizzes per lesson assembled from it, attempts kept
 * and graded on the server, results with item analysis, and cloze exercises made from stories.
 * Builds on content (lessons, stories), classroom and approval.
 */
package org.lectern.assessment;
