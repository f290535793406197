package org.lectern.launcher;

/**
 * The request id the application appends to a worker thread's name while it serves a request
 * ({@code "http-thread-pool::http-listener(3) requestId=4f2c..."}).
 */
final class RequestIdOfThread {

  private static final String MARK = " requestId=";

  private RequestIdOfThread() {}

  /** The request id in the thread name, or null. */
  static String of(String threadName) {
    if (threadName == null) {
      return null;
    }
    int at = threadName.lastIndexOf(MARK);
    if (at < 0) {
      return null;
    }
    String id = threadName.substring(at + MARK.length()).trim();
    int space = id.indexOf(' ');
    return (space < 0 ? id : id.substring(0, space));
  }

  /** The thread name without the request id. */
  static String threadWithoutRequestId(String threadName) {
    int at = threadName == null ? -1 : threadName.lastIndexOf(MARK);
    return at < 0 ? threadName : threadName.substring(0, at);
  }
}
