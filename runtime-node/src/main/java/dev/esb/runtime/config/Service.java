package dev.esb.runtime.config;

/**
 * A backend service that workers reach through the bridge gateway and DNAT, each with the variables that
 * configure its rule and the port local-proxy is known to listen on for it.
 */
public enum Service {
    S3("s3", "S3", 9000, "s3-storage:9000"),
    DB("db", "DynamoDB", 8001, "database:8000"),
    VL("vl", "VictoriaLogs", 9428, "victorialogs:9428");

    private final String key;
    private final String label;
    private final int localProxyPort;
    private final String defaultBackend;

    Service(String key, String label, int localProxyPort, String defaultBackend) {
        this.key = key;
        this.label = label;
        this.localProxyPort = localProxyPort;
        this.defaultBackend = defaultBackend;
    }

    /** Short lower-case name used in rule comments and check ids, such as {@code db}. */
    public String key() {
        return key;
    }

    /** Human name of the backend, such as {@code DynamoDB}. */
    public String label() {
        return label;
    }

    /**
     * The port local-proxy binds on {@code 127.0.0.1} for this service; it is also the default of both the
     * matched port and the DNAT target port.
     */
    public int localProxyPort() {
        return localProxyPort;
    }

    /** The {@code host:port} local-proxy forwards to unless configured otherwise. */
    public String defaultBackend() {
        return defaultBackend;
    }

    /** The DNAT target address variable, such as {@code DNAT_DB_IP}. */
    public String ipVariable() {
        return "DNAT_" + name() + "_IP";
    }

    /** The DNAT target port variable, such as {@code DNAT_DB_PORT}. */
    public String portVariable() {
        return "DNAT_" + name() + "_PORT";
    }

    /** The matched destination port variable, such as {@code DNAT_DB_DPORT}. */
    public String dportVariable() {
        return "DNAT_" + name() + "_DPORT";
    }

    /** The variable naming local-proxy's backend for this service, such as {@code LOCAL_PROXY_DB_BACKEND}. */
    public String backendVariable() {
        return "LOCAL_PROXY_" + name() + "_BACKEND";
    }
}
