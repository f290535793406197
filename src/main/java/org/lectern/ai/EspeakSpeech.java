package org.lectern.ai;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Offline speech with espeak-ng (Debian package {@code espeak-ng}): no network, no key. Runs {@code
 * espeak-ng -b 1 -v <voice> -w <file.wav> --stdin} with the text on its standard input (from a
 * private temporary file, so the text is never on a command line where {@code ps} shows it, and no
 * thread has to feed a pipe), kills it when it takes longer than the timeout, and answers the WAV
 * it wrote.
 *
 * <p>A language (BCP 47) picks an installed voice from {@code espeak-ng --voices}: the whole tag
 * ({@code pt-BR}), then shorter ones ({@code pt}), else {@code en}.
 */
public final class EspeakSpeech implements SpeechSynthesizer {

  private static final Logger LOG = Logger.getLogger(EspeakSpeech.class.getName());

  static final String NAME = "espeak-ng";

  /** Far more than a story version's text; espeak-ng speaks about 15 characters a second. */
  static final int MAX_TEXT_CHARS = 400_000;

  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_PROBE_OUTPUT = 1024 * 1024;
  private static final Pattern OTHER_LANGUAGE = Pattern.compile("\\(([^\\s()]+)\\s+(\\d+)\\)");
  private static final Pattern VOICE = Pattern.compile("[a-z0-9-]{1,40}(\\+[a-z0-9_]{1,20})?");

  /**
   * espeak-ng keeps one core busy while it speaks: at most one process a core, whatever the number
   * of jobs that ask at once.
   */
  private static final Semaphore RUNNING =
      new Semaphore(Runtime.getRuntime().availableProcessors());

  private final String command;
  private final Duration timeout;
  private volatile Map<String, String> voices;

  /**
   * @param command the espeak-ng program, {@code espeak-ng} to find it on the PATH
   * @param timeout the longest one text may take to speak before espeak-ng is killed
   */
  public EspeakSpeech(String command, Duration timeout) {
    this.command = command;
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The first line of {@code espeak-ng --version} when the program runs, else empty. */
  public static Optional<String> version(String command) {
    return output(List.of(command, "--version"))
        .map(out -> out.lines().findFirst().orElse("").replaceFirst("\\s+Data at:.*", "").strip())
        .filter(line -> !line.isEmpty());
  }

  @Override
  public GeneratedSpeech synthesize(String text, String language, String voice)
      throws ProviderException {
    if (text == null || text.isBlank()) {
      throw new ProviderException("there is no text to speak", false);
    }
    if (text.length() > MAX_TEXT_CHARS) {
      throw new ProviderException(
          "the text is longer than " + MAX_TEXT_CHARS + " characters", false);
    }
    String chosen = voiceFor(language, voice);
    Path input = null;
    Path wav = null;
    try {
      if (!RUNNING.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new ProviderException(NAME + " is busy with other texts", true, null, null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(NAME + " was interrupted", true, null, e);
    }
    try {
      input = Files.createTempFile("lectern-speech-", ".txt");
      Files.writeString(input, text, StandardCharsets.UTF_8);
      wav = Files.createTempFile("lectern-speech-", ".wav");
      run(input, wav, chosen);
      if (Files.size(wav) <= 44) {
        throw new ProviderException(NAME + " wrote no audio", false);
      }
      Path done = wav;
      wav = null;
      return new GeneratedSpeech(done, "audio/wav");
    } catch (IOException e) {
      throw new ProviderException(NAME + " could not run: " + e.getMessage(), false, null, e);
    } finally {
      RUNNING.release();
      delete(input);
      delete(wav);
    }
  }

  private void run(Path input, Path wav, String voice) throws IOException, ProviderException {
    Process process =
        new ProcessBuilder(command, "-b", "1", "-v", voice, "-w", wav.toString(), "--stdin")
            .redirectInput(input.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        throw new ProviderException(
            NAME + " did not finish within " + timeout.toMillis() + " ms", true, null, null);
      }
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw new ProviderException(NAME + " was interrupted", true, null, e);
    }
    if (process.exitValue() != 0) {
      throw new ProviderException(NAME + " failed with exit code " + process.exitValue(), false);
    }
  }

  private static void kill(Process process) {
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The espeak-ng voice for a language and an optional voice name: the voice when it is an
   * installed one (with an optional {@code +variant}), else the language's, else {@code en}.
   */
  String voiceFor(String language, String voice) {
    Map<String, String> installed = voices();
    if (voice != null) {
      String v = voice.strip().toLowerCase(Locale.ROOT);
      String baseName = v.contains("+") ? v.substring(0, v.indexOf('+')) : v;
      if (VOICE.matcher(v).matches() && installed.containsKey(baseName)) {
        return installed.get(baseName) + v.substring(baseName.length());
      }
    }
    String tag =
        language == null ? "" : language.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    while (!tag.isEmpty()) {
      String found = installed.get(tag);
      if (found != null) {
        return found;
      }
      int dash = tag.lastIndexOf('-');
      tag = dash < 0 ? "" : tag.substring(0, dash);
    }
    return installed.getOrDefault("en", "en");
  }

  /** Language (and alias) to the voice that speaks it best, read once from espeak-ng. */
  private Map<String, String> voices() {
    Map<String, String> v = voices;
    if (v == null) {
      v = parseVoices(output(List.of(command, "--voices")).orElse(""));
      if (v.isEmpty()) {
        LOG.warning(() -> NAME + " --voices listed no voices; every text is spoken as 'en'");
      }
      voices = v;
    }
    return v;
  }

  /**
   * Parses {@code espeak-ng --voices}: "Pty Language Age/Gender VoiceName File Other Languages",
   * where the other languages are "(en 2)"-style pairs of a language and its priority (lower is
   * better). A voice's own language always wins over another voice's alias.
   */
  static Map<String, String> parseVoices(String listing) {
    Map<String, String> best = new HashMap<>();
    Map<String, Integer> priority = new HashMap<>();
    listing
        .lines()
        .skip(1)
        .forEach(
            line -> {
              String[] cols = line.strip().split("\\s+");
              if (cols.length < 5) {
                return;
              }
              String language = cols[1].toLowerCase(Locale.ROOT);
              best.put(language, language);
              priority.put(language, -1);
              Matcher m = OTHER_LANGUAGE.matcher(line);
              while (m.find()) {
                String alias = m.group(1).toLowerCase(Locale.ROOT);
                int p = Integer.parseInt(m.group(2));
                if (p < priority.getOrDefault(alias, Integer.MAX_VALUE)) {
                  best.put(alias, language);
                  priority.put(alias, p);
                }
              }
            });
    return Map.copyOf(best);
  }

  /** What a short espeak-ng command prints, when it exits 0 in time. */
  private static Optional<String> output(List<String> commandLine) {
    Path out = null;
    try {
      out = Files.createTempFile("lectern-espeak-", ".out");
      Process process =
          new ProcessBuilder(commandLine)
              .redirectOutput(out.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      process.getOutputStream().close();
      if (!process.waitFor(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        return Optional.empty();
      }
      if (process.exitValue() != 0 || Files.size(out) > MAX_PROBE_OUTPUT) {
        return Optional.empty();
      }
      return Optional.of(Files.readString(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      delete(out);
    }
  }

  private static void delete(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warning(() -> "Could not delete " + file + ": " + e.getMessage());
    }
  }
}
