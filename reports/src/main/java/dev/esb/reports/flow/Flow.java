package dev.esb.reports.flow;

import java.util.List;

/**
 * One flow of the layout: its hops in packet order and the scenarios that assert it.
 *
 * @param id short name, the key in {@code flows.properties}
 * @param title what the flow is
 * @param hops the hops from sender to receiver
 * @param scenarios {@code Class#method}, or {@code Class} for every test of that class
 */
public record Flow(String id, String title, List<String> hops, List<String> scenarios) {
}
