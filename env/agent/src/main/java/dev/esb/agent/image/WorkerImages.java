package dev.esb.agent.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.esb.agent.task.Containerd;

/**
 * The function images the agent can run: every {@code *.tar} of the image folder ({@code docker save} output,
 * written by {@code env/bootstrap}) is imported into containerd at start. A deploy names an image by its short
 * name ({@code worker-python}), by its Docker tag ({@code esb/worker-python:abc}) or by containerd's full name.
 */
public final class WorkerImages {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerImages.class);

    private final Map<String, String> byName = new ConcurrentHashMap<>();

    /** Imports every tarball of {@code dir}; how long it took. An empty or missing folder imports nothing. */
    public Duration importAll(Path dir, Containerd containerd, ObjectMapper json) throws IOException {
        long started = System.nanoTime();
        if (!Files.isDirectory(dir)) {
            LOG.warn("Failed to find the image folder {}: no function image can be deployed", dir);
            return Duration.ZERO;
        }

        List<Path> tarballs;
        try (Stream<Path> files = Files.list(dir)) {
            tarballs = files.filter(file -> file.getFileName().toString().endsWith(".tar")).sorted().toList();
        }
        for (Path tarball : tarballs) {
            List<String> tags = DockerArchive.repoTags(tarball, json);
            containerd.importImages(tarball);
            tags.forEach(this::add);
            LOG.info("Imported {} from {}", tags, tarball.getFileName());
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Records an imported Docker tag under its short name, its tag and containerd's normalized name. */
    public void add(String dockerTag) {
        String ref = normalize(dockerTag);
        String repository = dockerTag.contains(":") ? dockerTag.substring(0, dockerTag.lastIndexOf(':')) : dockerTag;
        byName.put(repository.substring(repository.lastIndexOf('/') + 1), ref);
        byName.put(dockerTag, ref);
        byName.put(ref, ref);
    }

    /** containerd's full name of a Docker tag: {@code esb/x:1} is {@code docker.io/esb/x:1}. */
    static String normalize(String dockerTag) {
        String first = dockerTag.contains("/") ? dockerTag.substring(0, dockerTag.indexOf('/')) : "";
        boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
        String ref = hasRegistry ? dockerTag : "docker.io/" + (dockerTag.contains("/") ? "" : "library/") + dockerTag;
        return ref.substring(ref.lastIndexOf('/') + 1).contains(":") ? ref : ref + ":latest";
    }

    public Optional<String> resolve(String image) {
        return Optional.ofNullable(byName.get(image));
    }

    /** Short name to containerd name, for the API. */
    public Map<String, String> shortNames() {
        Map<String, String> names = new TreeMap<>();
        byName.forEach((name, ref) -> {
            if (!name.contains("/") && !name.contains(":")) {
                names.put(name, ref);
            }
        });
        return names;
    }
}
