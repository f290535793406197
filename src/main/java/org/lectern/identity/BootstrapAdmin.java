package org.lectern.identity;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lectern.platform.Startup;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Creates the first platform super-admin once, when there is none: from {@code
 * LECTERN_BOOTSTRAP_ADMIN_EMAIL} / {@code _PASSWORD}, or with a random password printed once.
 */
@ApplicationScoped
public class BootstrapAdmin {

  private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class.getName());

  @Inject Accounts accounts;
  @Inject Passwords passwords;
  @Inject TenantEntityManager tem;

  @Inject
  @ConfigProperty(name = "lectern.bootstrap.admin.email", defaultValue = "admin@lectern.local")
  String email;

  @Inject
  @ConfigProperty(name = "lectern.bootstrap.admin.password")
  Optional<String> password;

  /** Set by the launcher ({@code java -jar lectern.jar}), which prints the start banner. */
  static final String LAUNCHED_PROPERTY = "lectern.launcher";

  @Transactional
  void onDatabaseReady(@Observes @Priority(10) Startup.DatabaseReady ready) {
    if (accounts.anyPlatformAccount()) {
      return;
    }
    String pw = password.filter(p -> !p.isBlank()).orElseGet(BootstrapAdmin::randomPassword);
    Passwords.checkStrength("LECTERN_BOOTSTRAP_ADMIN_PASSWORD", pw);
    tem.global()
        .persist(
            new PlatformAccount(
                email, "Platform administrator", passwords.hash(pw), List.of("super_admin")));
    if (password.isPresent()) {
      LOG.info(() -> "Created the platform super-admin " + email);
    } else if (Boolean.getBoolean(LAUNCHED_PROPERTY)) {
      // The launcher (same JVM) prints it once in its start banner and clears these.
      System.setProperty(LAUNCHED_PROPERTY + ".bootstrap-admin.email", email);
      System.setProperty(LAUNCHED_PROPERTY + ".bootstrap-admin.password", pw);
    } else {
      // Printed once, on the console only: it is not stored anywhere in clear.
      System.out.println(
          "\n  Lectern platform super-admin created: "
              + email
              + " / password: "
              + pw
              + "\n  (shown once; set LECTERN_BOOTSTRAP_ADMIN_PASSWORD to choose it)\n");
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
