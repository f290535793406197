/**
 * Media: audio recordings of stories and lessons (uploaded, identified by their bytes, stored,
 * streamed). Rights and owners come from {@link org.lectern.media.AudioOwners}; never imports
 * content.
 */
package org.lectern.media;
