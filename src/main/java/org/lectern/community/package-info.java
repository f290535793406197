/**
 * Book clubs: a classroom's discussions of a story and their threaded posts, with moderation by
 * whoever manages the classroom, a 15-minute edit window, soft deletion and resolved @mentions.
 */
package org.lectern.community;
