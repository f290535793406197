package org.lectern.media;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.lectern.tenancy.TenantEntityManager;

/**
 * The stored files of recordings, kept in step with their rows: a file written in a transaction
 * that rolls back is removed, and a file whose row is deleted goes only once the deletion has
 * committed. Callers own the transaction.
 */
@ApplicationScoped
public class AudioFiles {

  private static final Logger LOG = Logger.getLogger(AudioFiles.class.getName());

  @Inject AudioStore store;
  @Inject TenantEntityManager tem;

  @Resource TransactionSynchronizationRegistry transactions;

  /** A staging file for an upload. */
  Path newUpload() {
    try {
      return store.newUpload();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stores the upload under {@code key}; it is removed again if the transaction rolls back. */
  void put(String key, Path upload) {
    try {
      store.put(key, upload);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    afterCompletion(key, Status.STATUS_ROLLEDBACK);
  }

  InputStream open(String key, long offset) throws IOException {
    return store.open(key, offset);
  }

  /** Removes the file once the transaction has committed. */
  void deleteOnCommit(String key) {
    afterCompletion(key, Status.STATUS_COMMITTED);
  }

  /**
   * Stories or lessons are about to be deleted for good, and their recordings' rows with them (the
   * schema cascades): their files go once that has committed. Observed in the purging transaction,
   * before the rows are gone.
   */
  void onPurge(@Observes AudioOwnersPurged purged) {
    List<String> keys = new ArrayList<>();
    if (!purged.storyIds().isEmpty()) {
      keys.addAll(
          tem.get()
              .createQuery(
                  "SELECT a.storageKey FROM AudioAsset a WHERE a.storyId IN :ids", String.class)
              .setParameter("ids", purged.storyIds())
              .getResultList());
    }
    if (!purged.lessonIds().isEmpty()) {
      keys.addAll(
          tem.get()
              .createQuery(
                  "SELECT a.storageKey FROM AudioAsset a WHERE a.lessonId IN :ids", String.class)
              .setParameter("ids", purged.lessonIds())
              .getResultList());
    }
    keys.forEach(this::deleteOnCommit);
  }

  /** Deletes the stored file when the transaction ends with {@code outcome}. */
  private void afterCompletion(String key, int outcome) {
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == outcome) {
              try {
                store.delete(key);
              } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "could not delete audio file " + key, e);
              }
            }
          }
        });
  }
}
