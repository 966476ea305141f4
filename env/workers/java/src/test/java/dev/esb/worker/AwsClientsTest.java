package dev.esb.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Date;

import javax.net.ssl.X509TrustManager;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsClientsTest {

    @TempDir
    Path dir;

    @Test
    void trustsExactlyTheCertificatesOfTheBundle() throws Exception {
        X509Certificate ca = selfSigned("CN=esb-test-ca");
        Path bundle = dir.resolve("ca.pem");
        Files.writeString(bundle, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(ca.getEncoded())
                + "\n-----END CERTIFICATE-----\n");

        X509TrustManager trust = (X509TrustManager) AwsClients.trustManagers(bundle)[0];

        assertThat(trust.getAcceptedIssuers()).as("accepted issuers").containsExactly(ca);
    }

    @Test
    void namesABundleWithoutCertificates() throws Exception {
        Path bundle = Files.writeString(dir.resolve("empty.pem"), "");

        assertThatThrownBy(() -> AwsClients.trustManagers(bundle))
                .as("empty bundle")
                .isInstanceOf(WorkerFailure.class)
                .hasMessageStartingWith("AWS_CA_BUNDLE: '" + bundle + "' (expected:");
    }

    @Test
    void namesAMissingBundle() {
        Path bundle = dir.resolve("missing.pem");

        assertThatThrownBy(() -> AwsClients.trustManagers(bundle))
                .as("missing bundle")
                .hasMessage("AWS_CA_BUNDLE: '" + bundle + "' (expected: a readable PEM file with certificates)");
    }

    private static X509Certificate selfSigned(String name) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();

        Date now = new Date();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(name), BigInteger.ONE,
                now, new Date(now.getTime() + 3_600_000L), new X500Name(name), pair.getPublic());
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }
}
