package dev.esb.gateway.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLException;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/**
 * The CA certificate, the server certificate and the server's private key of one environment.
 *
 * @param ca the CA certificate that clients trust ({@code ca.pem})
 * @param server the gateway's certificate, signed by {@code ca} ({@code server.pem})
 * @param serverKey the gateway's private key, PKCS#8 ({@code server-key.pem})
 */
public record GatewayCertificates(X509Certificate ca, X509Certificate server, PrivateKey serverKey) {
    /** The CA bundle handed to workers and host-side tests. */
    public static final String CA_FILE = "ca.pem";
    /** The server certificate. */
    public static final String SERVER_FILE = "server.pem";
    /** The server's private key; written readable by its owner only. */
    public static final String SERVER_KEY_FILE = "server-key.pem";

    private static final Logger log = LoggerFactory.getLogger(GatewayCertificates.class);
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    /** Mints a new CA and a server certificate for the given names, in memory. */
    public static GatewayCertificates issue(ServerNames names) {
        return new CertificateIssuer().issue(names);
    }

    /**
     * Loads the three files from {@code dir} when they all exist, or issues new certificates and writes them there
     * when none exists.
     *
     * @throws IllegalArgumentException when only some of the files exist or they cannot be read as PEM
     */
    public static GatewayCertificates loadOrIssue(Path dir, ServerNames names) throws IOException {
        List<String> present = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String file : List.of(CA_FILE, SERVER_FILE, SERVER_KEY_FILE)) {
            (Files.exists(dir.resolve(file)) ? present : missing).add(file);
        }

        if (missing.isEmpty()) {
            GatewayCertificates loaded = load(dir);
            loaded.warnAboutMissingNames(names);
            log.info("Loaded gateway certificates from {}", dir);
            return loaded;
        }
        if (!present.isEmpty()) {
            throw new IllegalArgumentException("GATEWAY_CERT_DIR: '" + dir + "' (expected: all of " + CA_FILE + ", "
                    + SERVER_FILE + ", " + SERVER_KEY_FILE + " or none of them; missing: "
                    + String.join(", ", missing) + ")");
        }

        GatewayCertificates issued = issue(names);
        issued.writeTo(dir);
        log.info("Issued gateway certificates for {} {} into {}", names.dnsNames(), names.addresses(), dir);
        return issued;
    }

    /** Reads the three PEM files from {@code dir}. */
    public static GatewayCertificates load(Path dir) throws IOException {
        X509Certificate ca = readCertificate(dir.resolve(CA_FILE));
        X509Certificate server = readCertificate(dir.resolve(SERVER_FILE));
        PrivateKey key = readPrivateKey(dir.resolve(SERVER_KEY_FILE));
        return new GatewayCertificates(ca, server, key);
    }

    /**
     * Writes the three PEM files into {@code dir}, creating it. Each file goes to a temporary name first and is then
     * moved into place, so a reader never sees a half-written file.
     */
    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        writeAtomically(dir, CA_FILE, pem(ca), false);
        writeAtomically(dir, SERVER_FILE, pem(server), false);
        writeAtomically(dir, SERVER_KEY_FILE, pem(new JcaPKCS8Generator(serverKey, null)), true);
    }

    /** The CA certificate as PEM text. */
    public String caPem() {
        return pem(ca);
    }

    /** A Netty server context presenting the server certificate, TLS 1.2 and 1.3 only. */
    public SslContext serverContext() throws SSLException {
        return SslContextBuilder.forServer(serverKey, server)
                .sslProvider(SslProvider.JDK)
                .protocols("TLSv1.3", "TLSv1.2")
                .build();
    }

    /** The DNS names and IP addresses in the server certificate. */
    public List<String> serverAlternativeNames() {
        try {
            List<String> names = new ArrayList<>();
            var entries = server.getSubjectAlternativeNames();
            if (entries != null) {
                for (List<?> entry : entries) {
                    int kind = (Integer) entry.get(0);
                    if (kind == SAN_DNS || kind == SAN_IP) {
                        names.add(String.valueOf(entry.get(1)));
                    }
                }
            }
            return names;
        } catch (CertificateParsingException e) {
            throw new IllegalStateException("Failed to read the server certificate's names", e);
        }
    }

    private void warnAboutMissingNames(ServerNames wanted) {
        List<String> present = serverAlternativeNames();
        List<String> absent = new ArrayList<>();
        wanted.addresses().stream().map(InetAddress::getHostAddress).filter(a -> !present.contains(a))
                .forEach(absent::add);
        wanted.dnsNames().stream().filter(n -> !present.contains(n)).forEach(absent::add);
        if (!absent.isEmpty()) {
            log.warn("Loaded server certificate lacks names {}; clients using them will fail verification "
                    + "(delete the certificate directory to issue new ones)", absent);
        }
    }

    private static void writeAtomically(Path dir, String name, String content, boolean secret) throws IOException {
        Path temporary = Files.createTempFile(dir, "." + name, ".tmp");
        try {
            if (secret) {
                restrictToOwner(temporary);
            }
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            try {
                Files.move(temporary, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            log.debug("File system of {} has no POSIX permissions; key file keeps default permissions", file);
        }
    }

    private static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static X509Certificate readCertificate(Path file) throws IOException {
        Object object = readPem(file);
        if (!(object instanceof X509CertificateHolder holder)) {
            throw unreadable(file, "a PEM CERTIFICATE");
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw unreadable(file, "a valid X.509 certificate");
        }
    }

    private static PrivateKey readPrivateKey(Path file) throws IOException {
        Object object = readPem(file);
        var converter = new JcaPEMKeyConverter();
        if (object instanceof PrivateKeyInfo info) {
            return converter.getPrivateKey(info);
        }
        if (object instanceof PEMKeyPair pair) {
            return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
        throw unreadable(file, "a PEM PRIVATE KEY");
    }

    private static Object readPem(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            return parser.readObject();
        }
    }

    private static IllegalArgumentException unreadable(Path file, String expected) {
        return new IllegalArgumentException("GATEWAY_CERT_DIR: '" + file + "' (expected: " + expected + ")");
    }
}
