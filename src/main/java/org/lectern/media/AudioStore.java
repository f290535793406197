package org.lectern.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where audio files live, by storage key ({@code <tenant>/<audio id>.<ext>}). The default keeps
 * them on the local file system under the data dir ({@link LocalAudioStore}); an object store (S3,
 * a CDN origin) is another implementation of these five methods.
 */
public interface AudioStore {

  /** A new empty file to receive an upload before it is stored; the caller deletes it if unused. */
  Path newUpload() throws IOException;

  /** Stores the finished upload under {@code key} (the upload file is moved, not copied). */
  void put(String key, Path upload) throws IOException;

  /** The stored file's bytes from {@code offset} on. */
  InputStream open(String key, long offset) throws IOException;

  /** Removes the file; a missing one is not an error. */
  void delete(String key) throws IOException;
}
