/** Counters of invocations, shipping and log tails, exposed in the Prometheus text format. */
package dev.esb.gateway.metrics;
