package dev.esb.agent.cni;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A task's attachment to the bridge: the IPv4 address the plugin chain assigned and the chain's result, which a
 * later DEL passes back as {@code prevResult}.
 */
public record CniAttachment(String containerId, String address, JsonNode result) {
}
