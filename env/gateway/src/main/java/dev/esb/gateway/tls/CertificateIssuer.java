package dev.esb.gateway.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Mints a CA and a server certificate signed by it.
 *
 * <p>Keys are P-256 and signatures ECDSA with SHA-256, done by the JDK's own providers: BouncyCastle only builds the
 * certificate structures, so no security provider has to be registered. The extensions (critical basic constraints,
 * key usage, subject and authority key identifiers) are the ones strict verifiers such as Python 3.13's
 * {@code VERIFY_X509_STRICT} insist on.
 */
final class CertificateIssuer {
    private static final Duration CLOCK_SKEW = Duration.ofHours(1);
    private static final Duration CA_LIFETIME = Duration.ofDays(3650);
    // Below the 398 days that Apple and browsers accept for server certificates.
    private static final Duration SERVER_LIFETIME = Duration.ofDays(397);

    private final SecureRandom random = new SecureRandom();

    GatewayCertificates issue(ServerNames names) {
        try {
            KeyPair caKeys = newKeyPair();
            byte[] id = new byte[4];
            random.nextBytes(id);
            String environmentId = HexFormat.of().formatHex(id);
            X500Name caName = new X500Name("CN=ESB gateway CA " + environmentId + ",O=ESB testbed");
            X509Certificate ca = issueCa(caName, caKeys);

            KeyPair serverKeys = newKeyPair();
            X509Certificate server = issueServer(names, serverKeys, ca, caName, caKeys);
            return new GatewayCertificates(ca, server, serverKeys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("Failed to issue the gateway certificates", e);
        }
    }

    private X509Certificate issueCa(X500Name caName, KeyPair caKeys)
            throws GeneralSecurityException, OperatorCreationException, CertIOException {
        Instant now = Instant.now();
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caName, serial(),
                Date.from(now.minus(CLOCK_SKEW)), Date.from(now.plus(CA_LIFETIME)), caName, caKeys.getPublic());

        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                extensions.createSubjectKeyIdentifier(caKeys.getPublic()));
        return sign(builder, caKeys);
    }

    private X509Certificate issueServer(ServerNames names, KeyPair serverKeys, X509Certificate ca, X500Name caName,
            KeyPair caKeys) throws GeneralSecurityException, OperatorCreationException, CertIOException {
        Instant now = Instant.now();
        String commonName = names.dnsNames().isEmpty() ? "gateway" : names.dnsNames().get(0);
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caName, serial(),
                Date.from(now.minus(CLOCK_SKEW)), Date.from(now.plus(SERVER_LIFETIME)),
                new X500Name("CN=" + commonName + ",O=ESB testbed"), serverKeys.getPublic());

        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(names));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                extensions.createSubjectKeyIdentifier(serverKeys.getPublic()));
        builder.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca));
        return sign(builder, caKeys);
    }

    private static GeneralNames alternativeNames(ServerNames names) {
        List<GeneralName> entries = new ArrayList<>();
        names.dnsNames().forEach(name -> entries.add(new GeneralName(GeneralName.dNSName, name)));
        names.addresses().forEach(address -> entries.add(
                new GeneralName(GeneralName.iPAddress, address.getHostAddress())));
        return new GeneralNames(entries.toArray(GeneralName[]::new));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signerKeys)
            throws GeneralSecurityException, OperatorCreationException {
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(signerKeys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private BigInteger serial() {
        // Positive and 127 bits wide: unique enough without a counter, within RFC 5280's 20 octets.
        return new BigInteger(127, random).setBit(126);
    }
}
