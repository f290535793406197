package org.lectern.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * A second key pair made for the run (under the run's data dir, never committed): its public half
 * is given to the server as an extra verification key, so a test can sign as a rotated key would.
 */
final class RotationKey {

  private RotationKey() {}

  static void create(Path dir) {
    try {
      Files.createDirectories(dir);
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(2048);
      var pair = gen.generateKeyPair();
      Path pub = dir.resolve("extra-public.pem");
      Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
      Files.writeString(
          dir.resolve("extra-private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
      System.setProperty("lectern.it.jwtExtraKey", pub.toAbsolutePath().toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The server's signing key (generated under the data dir) or the rotation key. */
  static RSAPrivateKey privateKey(boolean rotation) {
    Path dir = Path.of(System.getProperty("lectern.it.dataDir"));
    Path file =
        rotation ? dir.resolve("rotation/extra-private.pem") : dir.resolve("keys/jwt-private.pem");
    try {
      String base64 =
          Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      return (RSAPrivateKey)
          KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
