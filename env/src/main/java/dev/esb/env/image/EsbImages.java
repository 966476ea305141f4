package dev.esb.env.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

import org.testcontainers.utility.DockerImageName;

/**
 * The images of the environment, as {@code env/bootstrap} recorded them in {@code .esb/images.properties}.
 *
 * <p>Each component may be overridden by name, for users whose CI can pull upstream images: the environment variable
 * {@code ESB_IMAGE_<COMPONENT>} (for example {@code ESB_IMAGE_S3_STORAGE}) or the system property
 * {@code esb.image.<component>}. An overridden image is still never pulled unless {@code ESB_ALLOW_PULL=true}.
 */
public final class EsbImages {

    /** System property that names the manifest; Failsafe sets it to the reactor root's manifest. */
    public static final String MANIFEST_PROPERTY = "esb.images";

    private static final Path DEFAULT_MANIFEST = Path.of(".esb", "images.properties");

    private final Path manifest;
    private final Properties tags;
    private final Function<String, String> environment;

    EsbImages(Path manifest, Properties tags, Function<String, String> environment) {
        this.manifest = manifest;
        this.tags = tags;
        this.environment = environment;
    }

    /** Loads the manifest named by {@value #MANIFEST_PROPERTY}, or the nearest {@code .esb/images.properties}. */
    public static EsbImages load() {
        Path manifest = Optional.ofNullable(System.getProperty(MANIFEST_PROPERTY))
                .or(() -> Optional.ofNullable(System.getenv("ESB_IMAGES")))
                .map(Path::of)
                .orElseGet(EsbImages::findManifest);
        return load(manifest, name -> Optional.ofNullable(System.getProperty(name))
                .orElse(System.getenv(name)));
    }

    static EsbImages load(Path manifest, Function<String, String> environment) {
        if (!Files.isRegularFile(manifest)) {
            throw new IllegalStateException("Image manifest: '" + manifest.toAbsolutePath()
                    + "' does not exist (expected: written by ./env/bootstrap, which builds the images)");
        }

        Properties tags = new Properties();
        try (InputStream in = Files.newInputStream(manifest)) {
            tags.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("Image manifest: '" + manifest + "' cannot be read", e);
        }
        return new EsbImages(manifest, tags, environment);
    }

    private static Path findManifest() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(DEFAULT_MANIFEST);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return DEFAULT_MANIFEST;
    }

    /** The image of one component, after overrides. */
    public DockerImageName image(String component) {
        String override = override(component);
        if (override != null) {
            return DockerImageName.parse(override);
        }

        String tag = tags.getProperty(component);
        if (tag == null || tag.isBlank()) {
            throw new IllegalStateException("Image manifest: '" + manifest + "' has no image for '" + component
                    + "' (expected: one of " + tags.stringPropertyNames() + "; rerun ./env/bootstrap)");
        }
        return DockerImageName.parse(tag);
    }

    /** Whether the user named this component's image, instead of the locally built one. */
    public boolean isOverridden(String component) {
        return override(component) != null;
    }

    /** Whether the user allowed Testcontainers to pull overridden images. */
    public boolean pullAllowed() {
        return "true".equalsIgnoreCase(environment.apply("ESB_ALLOW_PULL"));
    }

    /** Where env/bootstrap saved the worker images ({@code docker save} tarballs) for the agent to import. */
    public Path workerImageDir() {
        return manifest.toAbsolutePath().getParent().resolve("worker-images");
    }

    /** Every component with its recorded tag, for the up command's banner. */
    public Map<String, String> recorded() {
        return Map.copyOf((Map) tags);
    }

    private String override(String component) {
        String variable = "ESB_IMAGE_" + component.toUpperCase(Locale.ROOT).replace('-', '_');
        String value = environment.apply(variable);
        if (value == null || value.isBlank()) {
            value = environment.apply("esb.image." + component);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }
}
