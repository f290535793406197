package org.lectern.launcher;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code java -jar target/lectern.jar}.
 *
 * <p>The launcher's own dependencies (Payara Micro, the embedded PostgreSQL and its binaries) live
 * in {@code lib/} beside the jar. They are loaded through a class loader of their own so that the
 * jar needs no hand-kept {@code Class-Path} manifest and nothing of them leaks into the war.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    File jar = new File(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (Relaunch.wanted()) {
      System.exit(Relaunch.run(jar, args));
    }
    File home = jar.getParentFile();
    File lib = new File(home, "lib");
    File[] jars = lib.listFiles((dir, name) -> name.endsWith(".jar"));
    if (jars == null || jars.length == 0) {
      System.err.println(
          "Lectern: no launcher libraries in "
              + lib
              + "; build with 'mvn package' and run target/lectern.jar from where Maven left it.");
      System.exit(2);
    }
    Arrays.sort(jars);
    List<URL> urls = new ArrayList<>();
    urls.add(toUrl(jar));
    for (File f : jars) {
      urls.add(toUrl(f));
    }
    URLClassLoader loader =
        new URLClassLoader("lectern-launcher", urls.toArray(URL[]::new), platformLoader());
    Thread.currentThread().setContextClassLoader(loader);
    try {
      Class<?> launcher = Class.forName("org.lectern.launcher.Launcher", true, loader);
      launcher.getMethod("run", File.class, String[].class).invoke(null, home, args);
    } catch (InvocationTargetException e) {
      throw (e.getCause() instanceof Exception ex) ? ex : e;
    }
  }

  private static ClassLoader platformLoader() {
    return ClassLoader.getPlatformClassLoader();
  }

  private static URL toUrl(File f) throws MalformedURLException {
    return f.toURI().toURL();
  }
}
