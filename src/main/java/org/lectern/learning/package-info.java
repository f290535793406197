/**
 * The learning record: what each student collects and practises. So far the vocabulary: the words
 * teachers define for a story, the words a student collects, and their reviews, scheduled by SM-2
 * ({@link org.lectern.learning.Sm2}).
 */
package org.lectern.learning;
