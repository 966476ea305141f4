package dev.esb.runtime.plan;

/**
 * A kernel parameter and the value the plan wants for it.
 *
 * @param key the dotted name, such as {@code net.ipv4.conf.all.route_localnet}
 * @param value the wanted value, such as {@code 1}
 */
public record Sysctl(String key, String value) {
    /** The file under {@code /proc/sys} that holds this parameter. */
    public String procPath() {
        return "/proc/sys/" + key.replace('.', '/');
    }

    @Override
    public String toString() {
        return key + " = " + value;
    }
}
