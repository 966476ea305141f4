package dev.esb.reports.flow;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The flows of {@code flows.properties}, in the order the file lists them. */
final class FlowCatalogue {

    private FlowCatalogue() {
    }

    static List<Flow> load() throws IOException {
        try (InputStream in = FlowCatalogue.class.getResourceAsStream("/flows.properties")) {
            if (in == null) {
                throw new IOException("flows.properties is missing from the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        }
    }

    static List<Flow> parse(List<String> lines) throws IOException {
        Map<String, Map<String, String>> fields = new LinkedHashMap<>();
        int number = 0;
        for (String line : lines) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }

            int equals = text.indexOf('=');
            String[] key = equals < 0 ? new String[0] : text.substring(0, equals).strip().split("\\.");
            if (key.length != 3 || !key[0].equals("flow") || !List.of("title", "hops", "scenarios").contains(key[2])) {
                throw new IOException("flows.properties line " + number + ": '" + text
                        + "' (expected: flow.<id>.title|hops|scenarios = value)");
            }
            fields.computeIfAbsent(key[1], id -> new LinkedHashMap<>()).put(key[2], text.substring(equals + 1).strip());
        }

        List<Flow> flows = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> flow : fields.entrySet()) {
            Map<String, String> values = flow.getValue();
            for (String required : List.of("title", "hops", "scenarios")) {
                if (values.getOrDefault(required, "").isEmpty()) {
                    throw new IOException("flows.properties: flow." + flow.getKey() + "." + required
                            + " is missing (expected: every flow has a title, hops and scenarios)");
                }
            }
            flows.add(new Flow(flow.getKey(), values.get("title"), split(values.get("hops"), ">"),
                    split(values.get("scenarios"), ",")));
        }
        return flows;
    }

    private static List<String> split(String value, String separator) {
        return Arrays.stream(value.split(separator)).map(String::strip).filter(part -> !part.isEmpty()).toList();
    }
}
