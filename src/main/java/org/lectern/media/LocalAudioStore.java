package org.lectern.media;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Audio files under {@code <data dir>/audio} ({@code lectern.audio.dir} to put them elsewhere): one
 * directory per tenant, uploads staged in {@code .uploads} on the same file system so that storing
 * is an atomic rename.
 */
@ApplicationScoped
public class LocalAudioStore implements AudioStore {

  private Path root;
  private Path uploads;

  @PostConstruct
  void init() {
    var config = ConfigProvider.getConfig();
    String dir =
        config
            .getOptionalValue("lectern.audio.dir", String.class)
            .orElseGet(
                () ->
                    Path.of(
                            config
                                .getOptionalValue("lectern.data.dir", String.class)
                                .orElse("data"))
                        .resolve("audio")
                        .toString());
    root = Path.of(dir).toAbsolutePath().normalize();
    uploads = root.resolve(".uploads");
  }

  @Override
  public Path newUpload() throws IOException {
    Files.createDirectories(uploads);
    return Files.createTempFile(uploads, "upload-", ".part");
  }

  @Override
  public void put(String key, Path upload) throws IOException {
    Path target = resolve(key);
    Files.createDirectories(target.getParent());
    Files.move(upload, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public InputStream open(String key, long offset) throws IOException {
    FileChannel channel = FileChannel.open(resolve(key), StandardOpenOption.READ);
    channel.position(offset);
    return Channels.newInputStream(channel);
  }

  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(resolve(key));
  }

  /** Keys are made by the application; still, none may leave the root. */
  private Path resolve(String key) {
    Path p = root.resolve(key).normalize();
    if (!p.startsWith(root) || p.equals(root)) {
      throw new IllegalArgumentException("bad storage key " + key);
    }
    return p;
  }
}
