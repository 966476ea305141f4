package dev.esb.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayCertificatesTest {
    private static final ServerNames NAMES = ServerNames.forGateway(bridgeAddress(), "gateway-host",
            List.of("gateway"));

    @TempDir
    Path dir;

    private static InetAddress bridgeAddress() {
        try {
            return InetAddress.getByAddress(new byte[] {10, 88, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void issuesAServerCertificateSignedByTheCaForEveryName() throws Exception {
        GatewayCertificates certificates = GatewayCertificates.issue(NAMES);

        assertThat(certificates.serverAlternativeNames()).as("subject alternative names")
                .containsExactlyInAnyOrder("localhost", "gateway-host", "gateway", "10.88.0.1", "127.0.0.1");
        assertThatCode(() -> certificates.server().verify(certificates.ca().getPublicKey()))
                .as("server certificate verifies against the CA").doesNotThrowAnyException();
        assertThat(certificates.ca().getBasicConstraints()).as("CA basic constraints").isGreaterThanOrEqualTo(0);
        assertThat(certificates.server().getBasicConstraints()).as("server is no CA").isEqualTo(-1);
        assertThat(certificates.server().getExtendedKeyUsage()).as("extended key usage")
                .containsExactly("1.3.6.1.5.5.7.3.1");
    }

    @Test
    void writesTheFilesOnceAndLoadsThemAfterwards() throws Exception {
        GatewayCertificates issued = GatewayCertificates.loadOrIssue(dir, NAMES);
        GatewayCertificates loaded = GatewayCertificates.loadOrIssue(dir, NAMES);

        assertThat(loaded.ca()).as("CA after reload").isEqualTo(issued.ca());
        assertThat(loaded.server()).as("server certificate after reload").isEqualTo(issued.server());
        assertThat(loaded.serverKey().getEncoded()).as("key after reload").isEqualTo(issued.serverKey().getEncoded());
        assertThat(Files.readString(dir.resolve("ca.pem"))).as("ca.pem").startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(dir.resolve("server-key.pem"))).as("server-key.pem")
                .startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("server-key.pem"))))
                .as("key file permissions").isEqualTo("rw-------");
        assertThat(Files.list(dir).map(path -> path.getFileName().toString()))
                .as("files in the directory").containsExactlyInAnyOrder("ca.pem", "server.pem", "server-key.pem");
    }

    @Test
    void refusesADirectoryWithOnlySomeOfTheFiles() throws Exception {
        GatewayCertificates.loadOrIssue(dir, NAMES);
        Files.delete(dir.resolve("server-key.pem"));

        IllegalArgumentException error = catchThrowableOfType(IllegalArgumentException.class,
                () -> GatewayCertificates.loadOrIssue(dir, NAMES));

        assertThat(error).as("error for a partial directory")
                .hasMessageStartingWith("GATEWAY_CERT_DIR: '" + dir + "'")
                .hasMessageContaining("missing: server-key.pem");
        assertThat(Files.exists(dir.resolve("server-key.pem"))).as("nothing rewritten").isFalse();
    }
}
