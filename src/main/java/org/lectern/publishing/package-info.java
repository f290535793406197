/**
 * Books and the publishing workflow: a book is a catalogue entry over a story (its text, versions,
 * chunks and audio come from the story) with ratings, counters and facts-derived flags; a writer's
 * submission moves through the review stages as an enforced state machine whose last step needs
 * someone else's approval.
 */
package org.lectern.publishing;
