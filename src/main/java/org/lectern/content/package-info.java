/**
 * Teaching material: courses, units, lessons and stories with their immutable versions. Stories are
 * changed by {@link org.lectern.content.StoryCommands}, read by {@link
 * org.lectern.content.StoryQueries}, their versions kept by {@link
 * org.lectern.content.StoryVersions}; every act is decided by access control.
 */
package org.lectern.content;
