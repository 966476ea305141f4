package dev.esb.scenarios.support;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import io.restassured.config.RestAssuredConfig;
import io.restassured.config.SSLConfig;

import dev.esb.env.topology.EsbEnvironment;

/** Trust in the environment's own CA, which the gateway generates at boot: nothing here trusts everything. */
public final class GatewayTrust {

    private GatewayTrust() {
    }

    public static KeyStore trustStore(EsbEnvironment environment) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            byte[] pem = environment.gateway().caPem().getBytes(StandardCharsets.US_ASCII);
            store.setCertificateEntry("esb-ca", CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem)));
            return store;
        } catch (Exception e) {
            throw new IllegalStateException("Failed to load the gateway's CA certificate", e);
        }
    }

    public static RestAssuredConfig restAssured(EsbEnvironment environment) {
        return RestAssuredConfig.config().sslConfig(SSLConfig.sslConfig().trustStore(trustStore(environment)));
    }
}
