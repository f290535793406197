package org.lectern.bench.reading;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The reading-events benchmark's client (driven by {@code src/bench/reading.sh}): mints the
 * students' tokens with the server's key, checks them and the stories with {@code GET /api/me}
 * and {@code GET /api/stories/{id}}, then sends every student's events to {@code POST
 * /api/reading-progress/events} over {@code --connections} concurrent connections (one student
 * at a time per connection, its batches in order, as one device would) and reports events/s,
 * request latency, the server's {@code X-Sql-Statements} per batch and the CPU spent by the
 * server JVM, PostgreSQL's backends and this client.
 *
 * <pre>
 * java -cp target/test-classes org.lectern.bench.reading.ReadingLoad --mode check|load
 *   --base http://127.0.0.1:8091 --key DATA/keys/jwt-private.pem
 *   --students students.csv --stories stories.csv [--events-per-student 100] [--batch 50]
 *   [--connections 32] [--days 14] [--seed N] [--server-pid PID] [--db NAME]
 * </pre>
 *
 * Prints a human summary and {@code BENCH key=value} lines for the script.
 */
public final class ReadingLoad {

  static final String EVENTS_PATH = "/api/reading-progress/events";

  private final Map<String, String> opt;
  private final URI base;
  /** The connection of the checks (the load threads have one each). */
  private final Http1 http;

  private ReadingLoad(Map<String, String> opt) {
    this.opt = opt;
    this.base = URI.create(opt.getOrDefault("base", "http://127.0.0.1:8091"));
    this.http = new Http1(base);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      opt.put(args[i].substring(2), args[i + 1]);
    }
    int rc = new ReadingLoad(opt).run();
    System.exit(rc);
  }

  private int run() throws Exception {
    List<ReadingPlan.Student> students = students(Path.of(req("students")));
    Map<UUID, List<ReadingPlan.Story>> stories = stories(Path.of(req("stories")));
    BenchTokens minter = BenchTokens.fromPem(Path.of(req("key")));
    log("%d students in %d schools, %d stories", students.size(), stories.size(),
        stories.values().stream().mapToInt(List::size).sum());
    for (ReadingPlan.Student s : students) {
      if (!stories.containsKey(s.tenant())) {
        throw new IllegalStateException("no published story in the school of " + s.email());
      }
    }

    long t0 = System.nanoTime();
    String[] tokens = new String[students.size()];
    IntStream.range(0, students.size())
        .parallel()
        .forEach(
            i -> {
              ReadingPlan.Student s = students.get(i);
              tokens[i] = minter.student(s.tenant(), s.id(), s.email(), s.tokenVersion(), 6 * 3600);
            });
    log("minted %d tokens in %.1f s", tokens.length, (System.nanoTime() - t0) / 1e9);

    if (!check(students, tokens, stories)) {
      return 2;
    }
    int probe = probe(tokens[0]);
    boolean present = probe != 404 && probe != 405;
    out("BENCH endpoint_status=%d endpoint=%s", probe, present ? "present" : "absent");
    if (!"load".equals(opt.getOrDefault("mode", "check"))) {
      return 0;
    }
    if (!present) {
      log("POST %s answers %d: the endpoint is not there yet; nothing to load", EVENTS_PATH, probe);
      return 3;
    }
    return load(students, tokens, stories);
  }

  // --- checks --------------------------------------------------------------------------------------

  /**
   * Minted tokens work: {@code /api/me} answers 200 with the student's id and role for the first
   * student of every school and a few others, and every school's first student reads each of its
   * stories at the version and chunk count the events will name; a token with a broken signature
   * is refused with 401.
   */
  private boolean check(
      List<ReadingPlan.Student> students, String[] tokens, Map<UUID, List<ReadingPlan.Story>> stories)
      throws IOException {
    Map<UUID, Integer> firstOfSchool = new LinkedHashMap<>();
    for (int i = 0; i < students.size(); i++) {
      firstOfSchool.putIfAbsent(students.get(i).tenant(), i);
    }
    List<Integer> sample = new ArrayList<>(firstOfSchool.values());
    SplittableRandom rnd = new SplittableRandom(7);
    for (int i = 0; i < 5 && students.size() > 0; i++) {
      sample.add(rnd.nextInt(students.size()));
    }
    int ok = 0;
    for (int i : sample) {
      Http1.Response r = http.get("/api/me", tokens[i]);
      ReadingPlan.Student s = students.get(i);
      if (r.status() == 200
          && r.body().contains(s.id().toString())
          && r.body().contains("\"student\"")) {
        ok++;
      } else {
        log("GET /api/me as %s: %d %s", s.email(), r.status(), abbreviate(r.body()));
      }
    }
    out("BENCH me_checked=%d me_ok=%d", sample.size(), ok);
    log("GET /api/me with minted tokens: %d of %d answered 200 with the student", ok, sample.size());

    String forged = tokens[0].substring(0, tokens[0].length() - 4) + (tokens[0].endsWith("AAAA") ? "BBBB" : "AAAA");
    int forgedStatus = http.get("/api/me", forged).status();
    log("GET /api/me with a broken signature: %d (401 expected)", forgedStatus);

    int storiesOk = 0;
    int storiesChecked = 0;
    Pattern version = Pattern.compile("\"(?:versionNumber|version)\"\\s*:\\s*(\\d+)");
    for (Map.Entry<UUID, Integer> e : firstOfSchool.entrySet()) {
      for (ReadingPlan.Story story : stories.get(e.getKey())) {
        storiesChecked++;
        Http1.Response r = http.get("/api/stories/" + story.id(), tokens[e.getValue()]);
        if (r.status() == 200) {
          storiesOk++;
        } else {
          log("GET /api/stories/%s as %s: %d %s", story.id(), students.get(e.getValue()).email(),
              r.status(), abbreviate(r.body()));
        }
      }
    }
    log("GET /api/stories/{id} as each school's first student: %d of %d readable", storiesOk, storiesChecked);
    out("BENCH stories_checked=%d stories_ok=%d forged_status=%d", storiesChecked, storiesOk, forgedStatus);
    return ok == sample.size() && storiesOk == storiesChecked && forgedStatus == 401;
  }

  /** The endpoint's answer to an empty batch: 404 or 405 while it does not exist. */
  private int probe(String token) throws IOException {
    return http.post(EVENTS_PATH, token, "{\"events\":[]}").status();
  }

  // --- the load -----------------------------------------------------------------------------------

  private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");
  private static final Pattern DUPLICATES = Pattern.compile("\"duplicates\"\\s*:\\s*(\\d+)");
  private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");

  private final LongAdder requests = new LongAdder();
  private final LongAdder eventsSent = new LongAdder();
  private final LongAdder uniqueEvents = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final Map<String, LongAdder> refusedCodes = new ConcurrentHashMap<>();
  private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
  private final Map<Integer, LongAdder> statementsPerBatch = new ConcurrentHashMap<>();
  private final AtomicInteger errorSamples = new AtomicInteger();

  private int load(
      List<ReadingPlan.Student> students, String[] tokens, Map<UUID, List<ReadingPlan.Story>> stories)
      throws Exception {
    int perStudent = Integer.parseInt(opt.getOrDefault("events-per-student", "100"));
    int batch = Integer.parseInt(opt.getOrDefault("batch", "50"));
    int connections = Integer.parseInt(opt.getOrDefault("connections", "32"));
    int days = Integer.parseInt(opt.getOrDefault("days", "14"));
    long seed = Long.parseLong(opt.getOrDefault("seed", Long.toString(System.currentTimeMillis())));
    if (batch < 1 || batch > 497) {
      throw new IllegalArgumentException("--batch must be 1..497 (a batch may carry up to 3 repeated events; the server takes 500)");
    }
    Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
    long windowStart = today.minus(days, ChronoUnit.DAYS).toEpochMilli();
    long newestStory = stories.values().stream().flatMap(List::stream)
        .mapToLong(ReadingPlan.Story::createdAtMs).max().orElse(0);
    if (newestStory > windowStart) {
      throw new IllegalStateException("a story was created at " + Instant.ofEpochMilli(newestStory)
          + ", after the events' window starts (" + Instant.ofEpochMilli(windowStart)
          + "): reading.sh back-dates the bench stories; events may not precede a story");
    }

    // Schools interleave: the students in a fixed random order.
    Integer[] order = new Integer[students.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    SplittableRandom shuffle = new SplittableRandom(seed);
    for (int i = order.length - 1; i > 0; i--) {
      int j = shuffle.nextInt(i + 1);
      Integer tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    long target = (long) students.size() * perStudent;
    log("load: %d students x %d events = %,d events, batches of %d, %d connections, %d days from %s, seed %d",
        students.size(), perStudent, target, batch, connections, days, Instant.ofEpochMilli(windowStart), seed);

    Cpu cpu0 = cpu();
    AtomicInteger next = new AtomicInteger();
    long[][] latencies = new long[connections][];
    int[] counts = new int[connections];
    CountDownLatch done = new CountDownLatch(connections);
    long start = System.nanoTime();
    AtomicLong tenPercentAt = new AtomicLong();
    AtomicLong tenPercentEvents = new AtomicLong();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "progress");
      t.setDaemon(true);
      return t;
    });
    long[] last = {start, 0};
    ticker.scheduleAtFixedRate(() -> {
      long now = System.nanoTime();
      long sent = eventsSent.sum();
      log("%,d of ~%,d events sent (%.0f %%), %,d requests, %.0f events/s now, %.0f overall; accepted %,d, duplicates %,d, refused %,d, failed requests %d",
          sent, target, 100.0 * sent / target, requests.sum(),
          (sent - last[1]) / ((now - last[0]) / 1e9), sent / ((now - start) / 1e9),
          accepted.sum(), duplicates.sum(), refused.sum(), failed.sum());
      last[0] = now;
      last[1] = sent;
    }, 10, 10, TimeUnit.SECONDS);

    for (int c = 0; c < connections; c++) {
      final int w = c;
      latencies[w] = new long[1024];
      Thread t = new Thread(() -> {
        try (Http1 connection = new Http1(base)) {
          for (int k; (k = next.getAndIncrement()) < order.length; ) {
            int i = order[k];
            ReadingPlan.Student s = students.get(i);
            uniqueEvents.add(perStudent);
            for (ReadingPlan.Send send :
                ReadingPlan.plan(s, stories.get(s.tenant()), perStudent, batch, windowStart, days, seed,
                    ReadingPlan.Disorder.DEFAULT)) {
              long t1 = System.nanoTime();
              boolean ok = sendBatch(connection, tokens[i], send);
              long t2 = System.nanoTime();
              if (counts[w] == latencies[w].length) {
                latencies[w] = Arrays.copyOf(latencies[w], counts[w] * 2);
              }
              latencies[w][counts[w]++] = t2 - t1;
              if (!ok) {
                failed.increment();
              }
            }
            if (tenPercentAt.get() == 0 && eventsSent.sum() >= target / 10) {
              tenPercentAt.compareAndSet(0, System.nanoTime());
              tenPercentEvents.compareAndSet(0, eventsSent.sum());
            }
          }
        } finally {
          done.countDown();
        }
      }, "load-" + c);
      t.start();
    }
    done.await();
    long end = System.nanoTime();
    ticker.shutdownNow();
    Cpu cpu1 = cpu();

    long[] all = new long[Arrays.stream(counts).sum()];
    int n = 0;
    for (int c = 0; c < connections; c++) {
      System.arraycopy(latencies[c], 0, all, n, counts[c]);
      n += counts[c];
    }
    Arrays.sort(all);
    double wall = (end - start) / 1e9;
    long sent = eventsSent.sum();
    long reqs = requests.sum();
    // The rate after the first tenth of the events (JIT warm-up, first pool connections), in the
    // same unit as events_per_s: events sent scaled by the share of them that were unique.
    double steady = tenPercentAt.get() == 0 ? Double.NaN
        : (sent - tenPercentEvents.get()) * ((double) uniqueEvents.sum() / sent)
            / ((end - tenPercentAt.get()) / 1e9);

    long stmtBatches = 0;
    long stmtTotal = 0;
    for (Map.Entry<Integer, LongAdder> e : statementsPerBatch.entrySet()) {
      stmtBatches += e.getValue().sum();
      stmtTotal += (long) e.getKey() * e.getValue().sum();
    }
    Map<Integer, Long> stmtHist = new TreeMap<>();
    statementsPerBatch.forEach((k, v) -> stmtHist.put(k, v.sum()));
    Map<Integer, Long> statusHist = new TreeMap<>();
    statuses.forEach((k, v) -> statusHist.put(k, v.sum()));
    Map<String, Long> codes = new TreeMap<>();
    refusedCodes.forEach((k, v) -> codes.put(k, v.sum()));

    out("BENCH students=%d events_per_student=%d batch=%d connections=%d seed=%d", students.size(),
        perStudent, batch, connections, seed);
    out("BENCH requests=%d retried_requests=%d events_sent=%d unique_events=%d wall_s=%.1f", reqs,
        retries.sum(), sent, uniqueEvents.sum(), wall);
    out("BENCH events_per_s=%.0f sent_events_per_s=%.0f steady_events_per_s=%.0f requests_per_s=%.1f",
        uniqueEvents.sum() / wall, sent / wall, steady, reqs / wall);
    out("BENCH accepted=%d duplicates=%d refused=%d failed_requests=%d", accepted.sum(),
        duplicates.sum(), refused.sum(), failed.sum());
    out("BENCH p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f", pct(all, 50), pct(all, 90),
        pct(all, 99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    out("BENCH sql_batches=%d sql_statements_avg=%s sql_statements_hist=%s", stmtBatches,
        stmtBatches == 0 ? "n/a" : String.format("%.2f", (double) stmtTotal / stmtBatches),
        compact(stmtHist));
    out("BENCH statuses=%s refused_codes=%s", compact(statusHist), codes.isEmpty() ? "none" : compact(codes));
    out("BENCH cpu_server_s=%s cpu_postgres_s=%s cpu_client_s=%.1f cpu_cores=%d",
        cpu1.server < 0 ? "n/a" : String.format("%.1f", cpu1.server - cpu0.server),
        cpu1.postgres < 0 ? "n/a" : String.format("%.1f", postgresCpu(cpu0, cpu1)),
        cpu1.client - cpu0.client, Runtime.getRuntime().availableProcessors());
    return failed.sum() == 0 ? 0 : 4;
  }

  private boolean sendBatch(Http1 connection, String token, ReadingPlan.Send send) {
    requests.increment();
    eventsSent.add(send.events());
    if (send.retry()) {
      retries.increment();
    }
    Http1.Response r;
    try {
      r = connection.post(EVENTS_PATH, token, send.body());
    } catch (IOException e) {
      statuses.computeIfAbsent(-1, k -> new LongAdder()).increment();
      if (errorSamples.incrementAndGet() <= 5) {
        log("request failed: %s", e);
      }
      return false;
    }
    statuses.computeIfAbsent(r.status(), k -> new LongAdder()).increment();
    if (r.sqlStatements() != null) {
      statementsPerBatch.computeIfAbsent(Integer.parseInt(r.sqlStatements()), k -> new LongAdder()).increment();
    }
    if (r.status() != 200) {
      if (errorSamples.incrementAndGet() <= 5) {
        log("POST %s: %d %s", EVENTS_PATH, r.status(), abbreviate(r.body()));
      }
      return false;
    }
    String body = r.body();
    accepted.add(number(ACCEPTED, body));
    duplicates.add(number(DUPLICATES, body));
    int at = body.indexOf("\"refused\"");
    if (at >= 0) {
      int close = body.indexOf(']', at);
      Matcher m = CODE.matcher(body.substring(at, close < 0 ? body.length() : close));
      while (m.find()) {
        refused.increment();
        refusedCodes.computeIfAbsent(m.group(1), k -> new LongAdder()).increment();
      }
    }
    return true;
  }

  private static long number(Pattern p, String body) {
    Matcher m = p.matcher(body);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  // --- CPU of the server JVM, PostgreSQL's backends of this database and this client ---------------

  private record Cpu(double server, double postgres, Map<Integer, Double> backends, double client) {}

  private Cpu cpu() {
    double server = -1;
    String pid = opt.get("server-pid");
    if (pid != null) {
      server = procCpu(Integer.parseInt(pid));
    }
    Map<Integer, Double> backends = new HashMap<>();
    double pg = -1;
    String db = opt.get("db");
    if (db != null) {
      try {
        Process p = new ProcessBuilder("psql", "-X", "-At", "-d", db, "-c",
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
            .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        pg = 0;
        for (String line : text.split("\\s+")) {
          if (line.matches("\\d+")) {
            double c = procCpu(Integer.parseInt(line));
            if (c >= 0) {
              backends.put(Integer.parseInt(line), c);
              pg += c;
            }
          }
        }
      } catch (IOException | InterruptedException e) {
        pg = -1;
      }
    }
    double client =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime() / 1e9;
    return new Cpu(server, pg, backends, client);
  }

  /** Backends alive at the end: their CPU since the start, or all of it when they began later. */
  private static double postgresCpu(Cpu before, Cpu after) {
    double sum = 0;
    for (Map.Entry<Integer, Double> e : after.backends().entrySet()) {
      sum += e.getValue() - before.backends().getOrDefault(e.getKey(), 0.0);
    }
    return sum;
  }

  /** utime + stime of a process (all its threads), in seconds; -1 when it is gone. */
  private static double procCpu(int pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // USER_HZ is 100 on Linux
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  // --- helpers -------------------------------------------------------------------------------------

  /** tenant_id,user_id,email,token_version */
  private static List<ReadingPlan.Student> students(Path csv) throws IOException {
    List<ReadingPlan.Student> list = new ArrayList<>();
    for (String line : Files.readAllLines(csv)) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",");
      list.add(new ReadingPlan.Student(UUID.fromString(f[0]), UUID.fromString(f[1]), f[2], Long.parseLong(f[3])));
    }
    return list;
  }

  /** tenant_id,story_id,published_version,chunks,created_at_epoch_ms */
  private static Map<UUID, List<ReadingPlan.Story>> stories(Path csv) throws IOException {
    Map<UUID, List<ReadingPlan.Story>> map = new LinkedHashMap<>();
    for (String line : Files.readAllLines(csv)) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",");
      UUID tenant = UUID.fromString(f[0]);
      map.computeIfAbsent(tenant, k -> new ArrayList<>())
          .add(new ReadingPlan.Story(tenant, UUID.fromString(f[1]), Integer.parseInt(f[2]),
              Integer.parseInt(f[3]), Long.parseLong(f[4])));
    }
    return map;
  }

  private String req(String name) {
    String v = opt.get(name);
    if (v == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v;
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  private static String compact(Map<?, Long> m) {
    StringBuilder sb = new StringBuilder();
    m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append(':').append(v));
    return sb.toString();
  }

  private static String abbreviate(String s) {
    s = s.replaceAll("\\s+", " ");
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  private static void log(String fmt, Object... args) {
    System.err.printf("%s  %s%n", LocalTime.now().truncatedTo(ChronoUnit.SECONDS), String.format(fmt, args));
  }

  private static void out(String fmt, Object... args) {
    System.out.printf(fmt + "%n", args);
  }
}
