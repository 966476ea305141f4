/**
 * The gateway's per-environment certificate authority and server certificate.
 *
 * <p>Workers and host-side tests must trust the gateway without a public CA, so each environment mints its own CA
 * and hands out only {@code ca.pem}. The CA's private key is never written: a directory that already holds the three
 * files is loaded as is, and a new environment (an empty directory) gets a new CA.
 */
package dev.esb.gateway.tls;
