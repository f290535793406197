/** Media files: identifying uploaded audio by its bytes and reading its duration. */
package org.lectern.media;
