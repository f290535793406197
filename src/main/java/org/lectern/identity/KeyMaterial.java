package org.lectern.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The token signing key pair: {@code LECTERN_JWT_PRIVATE_KEY} / {@code LECTERN_JWT_PUBLIC_KEY} (PEM
 * text or a file path), else a pair generated once under {@code <data dir>/keys} and reused on
 * every later start. Several nodes must share one pair (set the variables, or share the data dir).
 * For rotation, {@code LECTERN_JWT_PUBLIC_KEYS_EXTRA} names further public keys that still verify
 * (the previous signing key, or the next one before it signs).
 *
 * <p>Read with plain system properties and environment variables, not MicroProfile Config: the JWT
 * verifier's config source asks for the public key while the config itself is being built.
 */
final class KeyMaterial {

  private static final Logger LOG = Logger.getLogger(KeyMaterial.class.getName());
  private static volatile Keys keys;

  /**
   * The signing pair with its key id (the RFC 7638 thumbprint of the public key), and the JWK set
   * of every key that verifies: the signing key first, then the extra ones kept for rotation.
   */
  record Keys(
      RSAPrivateKey privateKey, RSAPublicKey publicKey, String keyId, JWKSet verificationKeys) {

    /** The public JWK set, as published at {@code /.well-known/jwks.json}. */
    String jwks() {
      return verificationKeys.toString(true);
    }

    boolean verifies(String kid) {
      return kid != null && verificationKeys.getKeyByKeyId(kid) != null;
    }
  }

  private KeyMaterial() {}

  static Keys get() {
    Keys k = keys;
    if (k == null) {
      synchronized (KeyMaterial.class) {
        k = keys;
        if (k == null) {
          k = load();
          keys = k;
        }
      }
    }
    return k;
  }

  private static Keys load() {
    try {
      String privateSetting = setting("lectern.jwt.private-key", "LECTERN_JWT_PRIVATE_KEY");
      String publicSetting = setting("lectern.jwt.public-key", "LECTERN_JWT_PUBLIC_KEY");
      if (privateSetting != null) {
        RSAPrivateKey priv = parsePrivate(pemOrFile(privateSetting));
        RSAPublicKey pub =
            publicSetting != null ? parsePublic(pemOrFile(publicSetting)) : derivePublic(priv);
        return keys(priv, pub);
      }
      return generatedUnder(dataDir().resolve("keys"));
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("Cannot load the JWT signing keys: " + e.getMessage(), e);
    }
  }

  private static Keys generatedUnder(Path dir) throws IOException, GeneralSecurityException {
    Path privatePath = dir.resolve("jwt-private.pem");
    Path publicPath = dir.resolve("jwt-public.pem");
    if (!Files.exists(privatePath)) {
      Files.createDirectories(dir);
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(2048);
      KeyPair pair = gen.generateKeyPair();
      writeOnce(privatePath, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
      writeOnce(publicPath, pem("PUBLIC KEY", pair.getPublic().getEncoded()), false);
      LOG.info(() -> "Generated a JWT signing key pair under " + dir);
    }
    RSAPrivateKey priv = parsePrivate(Files.readString(privatePath));
    return keys(priv, derivePublic(priv));
  }

  /** Another node may generate at the same moment: the first complete file wins. */
  private static void writeOnce(Path target, String content, boolean secret) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    try {
      if (secret) {
        try {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
          // Windows: the data dir's own permissions apply.
        }
      }
      Files.writeString(tmp, content, StandardCharsets.US_ASCII);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target);
      }
    } catch (FileAlreadyExistsException raced) {
      // keep the other node's key
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static Keys keys(RSAPrivateKey priv, RSAPublicKey pub)
      throws GeneralSecurityException, IOException {
    List<JWK> verifying = new ArrayList<>();
    RSAKey signing = jwk(pub);
    verifying.add(signing);
    String extra = setting("lectern.jwt.public-keys-extra", "LECTERN_JWT_PUBLIC_KEYS_EXTRA");
    for (RSAPublicKey k : extra == null ? List.<RSAPublicKey>of() : extraKeys(extra)) {
      RSAKey key = jwk(k);
      if (verifying.stream().noneMatch(j -> j.getKeyID().equals(key.getKeyID()))) {
        verifying.add(key);
      }
    }
    if (verifying.size() > 1) {
      LOG.info(() -> "JWT verification keys: " + verifying.stream().map(JWK::getKeyID).toList());
    }
    return new Keys(priv, pub, signing.getKeyID(), new JWKSet(verifying));
  }

  private static RSAKey jwk(RSAPublicKey pub) throws GeneralSecurityException {
    try {
      return new RSAKey.Builder(pub)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256)
          .keyIDFromThumbprint()
          .build();
    } catch (JOSEException e) {
      throw new GeneralSecurityException("cannot compute the key thumbprint", e);
    }
  }

  /**
   * Extra verification keys: PEM text (several blocks allowed), or a comma-separated list of PEM
   * files and directories whose {@code *.pem} files are read.
   */
  private static List<RSAPublicKey> extraKeys(String setting)
      throws IOException, GeneralSecurityException {
    List<String> pems = new ArrayList<>();
    if (setting.contains("-----BEGIN")) {
      pems.add(setting);
    } else {
      for (String part : setting.split(",")) {
        Path path = Path.of(part.trim());
        if (Files.isDirectory(path)) {
          try (Stream<Path> files = Files.list(path)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".pem")).sorted().toList()) {
              pems.add(Files.readString(f));
            }
          }
        } else if (!part.isBlank()) {
          pems.add(Files.readString(path));
        }
      }
    }
    List<RSAPublicKey> keys = new ArrayList<>();
    Matcher m = PEM_PUBLIC.matcher(String.join("\n", pems));
    while (m.find()) {
      keys.add(parsePublic(m.group()));
    }
    return keys;
  }

  private static final Pattern PEM_PUBLIC =
      Pattern.compile("-----BEGIN PUBLIC KEY-----[^-]+-----END PUBLIC KEY-----");

  private static RSAPublicKey derivePublic(RSAPrivateKey priv) throws GeneralSecurityException {
    if (!(priv instanceof RSAPrivateCrtKey crt)) {
      throw new IllegalArgumentException(
          "set LECTERN_JWT_PUBLIC_KEY too: the private key lacks its public part");
    }
    return (RSAPublicKey)
        KeyFactory.getInstance("RSA")
            .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
  }

  private static RSAPrivateKey parsePrivate(String pem) throws GeneralSecurityException {
    if (pem.contains("BEGIN RSA PRIVATE KEY")) {
      throw new IllegalArgumentException(
          "the private key is PKCS#1; convert it with 'openssl pkcs8 -topk8 -nocrypt'");
    }
    return (RSAPrivateKey)
        KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
  }

  private static RSAPublicKey parsePublic(String pem) throws GeneralSecurityException {
    return (RSAPublicKey)
        KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
  }

  private static byte[] der(String pem) {
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(base64);
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static String pemOrFile(String setting) throws IOException {
    return setting.contains("-----BEGIN") ? setting : Files.readString(Path.of(setting.trim()));
  }

  static Path dataDir() {
    String dir = setting("lectern.data.dir", "LECTERN_DATA_DIR");
    return Path.of(dir == null ? "data" : dir).toAbsolutePath().normalize();
  }

  private static String setting(String property, String env) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      v = System.getenv(env);
    }
    return v == null || v.isBlank() ? null : v;
  }
}
