package org.lectern.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the server in a child JVM with flags sized for a small (512 MB) container, because the
 * README's command ({@code java -jar target/lectern.jar}) cannot carry JVM flags and the JVM's
 * defaults (a quarter of the machine's memory for the heap, G1, unbounded metaspace) make a small
 * server large. The parent only waits: it forwards the exit code, and stops the child (and waits
 * for it) when it is stopped itself.
 *
 * <p>{@code LECTERN_JAVA_OPTS} replaces the flags; {@code LECTERN_RELAUNCH=false} runs the server
 * in this JVM, as started.
 */
final class Relaunch {

  /** Set on the child, so that it does not relaunch in turn. */
  static final String CHILD_PROPERTY = "lectern.relaunched";

  /** When the parent JVM started (epoch ms), so the banner's "ready" counts the whole start. */
  static final String STARTED_PROPERTY = "lectern.launcher.started-at";

  /**
   * Heap, metaspace and stacks for a 512 MB container; a GC with little overhead on small heaps.
   */
  static final List<String> DEFAULT_OPTIONS =
      List.of(
          "-Xms64m",
          "-Xmx256m",
          "-XX:MaxMetaspaceSize=192m",
          "-XX:ReservedCodeCacheSize=64m",
          "-XX:MaxDirectMemorySize=64m",
          "-Xss512k",
          "-XX:+UseSerialGC");

  /**
   * From JDK 25 on, no archive is made: Temurin 25.0.3 crashed at exit in one of two dumps of a
   * dynamic archive ({@code DynamicArchiveBuilder::sort_methods}) and in one of two recordings for
   * its AOT cache ({@code InstanceKlass::can_be_verified_at_dumptime}), each time writing an {@code
   * hs_err} file into the working directory. Without an archive JDK 25 started in 23.5 s on the
   * bench data, against 19.4-20.8 s with either; an operator can still give the flags in {@code
   * LECTERN_JAVA_OPTS}.
   */
  static final int NO_ARCHIVE_FROM_FEATURE = 25;

  private Relaunch() {}

  static boolean wanted() {
    if (System.getProperty(CHILD_PROPERTY) != null) {
      return false;
    }
    return !Settings.value("lectern.relaunch")
        .map(v -> v.trim().equalsIgnoreCase("false"))
        .orElse(false);
  }

  /** Runs the child to its end and returns its exit code. */
  static int run(File jar, String[] args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path archive = null;
    Path pending = null;
    var custom = Settings.value("lectern.java.opts");
    if (custom.isPresent()) {
      for (String option : custom.get().trim().split("\\s+")) {
        command.add(option);
      }
    } else {
      command.addAll(DEFAULT_OPTIONS);
      Path cds = cdsDirectory();
      if (cds != null) {
        archive = cds.resolve(archiveName(jar));
        if (Files.isRegularFile(archive)) {
          command.add("-XX:SharedArchiveFile=" + archive);
        } else {
          // Written by the child when it exits, then moved into place by this process: a run
          // that is killed half way never leaves a broken archive under the final name.
          pending = cds.resolve(archive.getFileName() + ".tmp");
          command.add("-XX:ArchiveClassesAtExit=" + pending);
        }
        // An archive that does not fit (another JDK, a moved jar) is skipped without a word.
        command.add("-Xlog:cds=off");
        command.add("-Xlog:cds+dynamic=off");
        command.add("-Xshare:auto");
      }
    }
    command.add("-D" + CHILD_PROPERTY + "=true");
    command.add(
        "-D"
            + STARTED_PROPERTY
            + "="
            + ProcessHandle.current()
                .info()
                .startInstant()
                .map(java.time.Instant::toEpochMilli)
                .orElse(System.currentTimeMillis()));
    // Settings given as system properties to this JVM (java -Dlectern.http.port=... -jar ...).
    for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
      String key = e.getKey().toString();
      if ((key.startsWith("lectern.") || key.startsWith("jakarta."))
          && !key.equals(CHILD_PROPERTY)) {
        command.add("-D" + key + "=" + e.getValue());
      }
    }
    command.add("-jar");
    command.add(jar.getAbsolutePath());
    command.addAll(List.of(args));
    ProcessBuilder server = new ProcessBuilder(command).inheritIO();
    // glibc gives each thread that allocates its own malloc arena of up to 64 MB; with Payara's
    // request threads that grows the resident set under load by more than the heap does. Two
    // arenas are what the JVM's own allocations need. An operator's setting wins.
    server.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
    Process child = server.start();
    Path made = pending;
    Path kept = archive;
    Thread stopper =
        new Thread(
            () -> {
              child.destroy();
              try {
                if (!child.waitFor(60, TimeUnit.SECONDS)) {
                  child.destroyForcibly();
                  return;
                }
              } catch (InterruptedException e) {
                child.destroyForcibly();
                return;
              }
              // Stopped by a signal, this JVM ends when its shutdown hooks do, often before the
              // waiting thread below has moved the archive: the first stop's archive was lost.
              if (made != null) {
                settle(made, kept);
              }
            },
            "lectern-stop-server");
    Runtime.getRuntime().addShutdownHook(stopper);
    int code = child.waitFor();
    if (pending != null) {
      settle(pending, archive);
    }
    return code;
  }

  /** Moves the archive into place; the second of two callers finds nothing left to move. */
  private static synchronized void settle(Path pending, Path archive) {
    try {
      if (Files.isRegularFile(pending) && Files.size(pending) > 0) {
        Files.move(
            pending, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      // No archive: the next start makes one again.
    }
  }

  /** {@code <data dir>/cds}, without the archives of other builds; null if it cannot be written. */
  private static Path cdsDirectory() {
    int feature = Runtime.version().feature();
    if (feature < 13 || feature >= NO_ARCHIVE_FROM_FEATURE) {
      return null; // dynamic archives came with JDK 13; for 25, see NO_ARCHIVE_FROM_FEATURE
    }
    Path dir =
        Path.of(Settings.value("lectern.data.dir").orElse("data"))
            .toAbsolutePath()
            .normalize()
            .resolve("cds");
    try {
      Files.createDirectories(dir);
      return Files.isWritable(dir) ? dir : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The archive fits one JDK and one build of the jar: both are in its name. */
  private static String archiveName(File jar) {
    String key =
        Runtime.version()
            + "|"
            + System.getProperty("java.home")
            + "|"
            + jar.getAbsolutePath()
            + "|"
            + jar.length()
            + "|"
            + jar.lastModified();
    File lib = new File(jar.getParentFile(), "lib");
    File[] jars = lib.listFiles((d, n) -> n.endsWith(".jar"));
    if (jars != null) {
      java.util.Arrays.sort(jars);
      for (File f : jars) {
        key += "|" + f.getName() + ":" + f.length() + ":" + f.lastModified();
      }
    }
    return "lectern-" + Integer.toHexString(key.hashCode()) + ".jsa";
  }
}
