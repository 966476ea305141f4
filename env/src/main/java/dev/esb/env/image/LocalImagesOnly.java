package dev.esb.env.image;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.ImagePullPolicy;
import org.testcontainers.utility.DockerImageName;

import com.github.dockerjava.api.exception.NotFoundException;

/**
 * A pull policy that never pulls: no registry is reachable from the build machines, so a missing image is a build
 * problem to report at once, not a download to wait for.
 */
public final class LocalImagesOnly implements ImagePullPolicy {

    @Override
    public boolean shouldPull(DockerImageName image) {
        try {
            DockerClientFactory.lazyClient().inspectImageCmd(image.asCanonicalNameString()).exec();
            return false;
        } catch (NotFoundException e) {
            throw new ImageNotBuiltException(image);
        }
    }

    /** Thrown instead of a pull. */
    public static final class ImageNotBuiltException extends IllegalStateException {

        ImageNotBuiltException(DockerImageName image) {
            super("Image: '" + image.asCanonicalNameString() + "' is not on this machine and nothing may be pulled"
                    + " (expected: built by ./env/bootstrap, or ESB_ALLOW_PULL=true for an overridden image)");
        }
    }
}
