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
   * From JDK 25 the archive is an AOT cache (JEP 483, made in one step by JEP 514): classes loaded
   * and linked, as the dynamic archive of earlier JDKs holds them loaded. It starts as fast here
   * (19.4-20.1 s with the dynamic archive, 20.4-20.8 s with the cache, 23.5 s with neither, on the
   * bench data), but Temurin 25.0.3 crashed once in two dumps of a dynamic archive at exit ({@code
   * DynamicArchiveBuilder::sort_methods}), and the JDK makes the cache in a separate JVM.
   */
  static final int AOT_CACHE_FEATURE = 25;

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
        boolean aot = Runtime.version().feature() >= AOT_CACHE_FEATURE;
        archive = cds.resolve(archiveName(jar) + (aot ? ".aot" : ".jsa"));
        if (Files.isRegularFile(archive)) {
          command.add((aot ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive);
        } else {
          // Written when the child exits, then moved into place by this process: a run that is
          // killed half way never leaves a broken archive under the final name.
          pending = cds.resolve(archive.getFileName() + ".tmp");
          command.add((aot ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + pending);
        }
        // An archive that does not fit (another JDK, a moved jar) is skipped without a word.
        command.add("-Xlog:cds=off");
        command.add("-Xlog:cds+dynamic=off");
        if (aot) {
          command.add("-Xlog:aot=off"); // -Xshare is not allowed with the AOT options
        } else {
          command.add("-Xshare:auto");
        }
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
    Thread stopper =
        new Thread(
            () -> {
              child.destroy();
              try {
                if (!child.waitFor(60, TimeUnit.SECONDS)) {
                  child.destroyForcibly();
                }
              } catch (InterruptedException e) {
                child.destroyForcibly();
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

  private static void settle(Path pending, Path archive) {
    try {
      if (Files.size(pending) > 0) {
        Files.move(
            pending, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      // No archive: the next start makes one again.
    }
  }

  /** {@code <data dir>/cds}, without the archives of other builds; null if it cannot be written. */
  private static Path cdsDirectory() {
    if (Runtime.version().feature() < 13) {
      return null; // dynamic archives (ArchiveClassesAtExit) came with JDK 13
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
    return "lectern-" + Integer.toHexString(key.hashCode());
  }
}
