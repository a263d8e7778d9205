package govkg.neo4j;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * In-process Neo4j Community 5.26 server for govkg development and CI.
 *
 * <p>Environment:
 * <ul>
 *   <li>NEO4J_PASSWORD  password of user "neo4j" (default govkg-dev-password, min 8 chars)</li>
 *   <li>NEO4J_BOLT_PORT Bolt port on 127.0.0.1 (default 7687)</li>
 *   <li>NEO4J_HTTP_PORT HTTP port on 127.0.0.1 (default 7474; 0 or "off" disables HTTP)</li>
 *   <li>NEO4J_DATA_DIR  Neo4j home directory: data/, logs/ live below it (default ./data)</li>
 *   <li>NEO4J_PAGECACHE page cache size, e.g. 256m (default 256m)</li>
 * </ul>
 *
 * <p>Prints {@value #READY_MARKER} on stdout once Bolt accepts connections and the password is
 * set; up.sh waits for that line.
 */
public final class Launcher {
    static final String READY_MARKER = "GOVKG-NEO4J-READY";
    static final String DEFAULT_PASSWORD = "govkg-dev-password";
    static final String HOST = "127.0.0.1";

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        final PrintStream out = System.out;
        final Map<String, String> env = System.getenv();

        String password = env.getOrDefault("NEO4J_PASSWORD", "");
        if (password.isEmpty()) {
            password = DEFAULT_PASSWORD;
        }
        if (password.length() < 8) {
            System.err.println("govkg-neo4j: NEO4J_PASSWORD must be at least 8 characters (Neo4j 5 rule)");
            System.exit(2);
        }
        int boltPort = port(env.get("NEO4J_BOLT_PORT"), 7687, "NEO4J_BOLT_PORT");
        String httpRaw = env.getOrDefault("NEO4J_HTTP_PORT", "").trim();
        boolean httpEnabled = !(httpRaw.equals("0") || httpRaw.equalsIgnoreCase("off")
                || httpRaw.equalsIgnoreCase("false") || httpRaw.equalsIgnoreCase("none"));
        int httpPort = httpEnabled ? port(httpRaw, 7474, "NEO4J_HTTP_PORT") : 0;
        String dataDirRaw = env.getOrDefault("NEO4J_DATA_DIR", "");
        Path home = (dataDirRaw.isEmpty() ? Path.of("data") : Path.of(dataDirRaw)).toAbsolutePath().normalize();
        long pageCache = ByteUnit.parse(env.getOrDefault("NEO4J_PAGECACHE", "256m"));
        Files.createDirectories(home);
        Files.createDirectories(home.resolve("import"));

        out.printf("govkg-neo4j: starting Neo4j (home=%s, bolt=%s:%d, http=%s)%n",
                home, HOST, boltPort, httpEnabled ? HOST + ":" + httpPort : "disabled");
        out.flush();

        long t0 = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setUserLogProvider(new Log4jLogProvider(out, Level.INFO))
                .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress(HOST))
                .setConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress(HOST))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // no temporary lock-out of "neo4j" after failed logins: tests that check a wrong
                // password is rejected must not make the next (correct) login fail for 5 s
                .setConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(5))
                // a dev/CI server needs no two days of transaction logs (the default): an hour of
                // bench/ loads and wipes left 20 GB of them; keep ~1 GB, pruned at each checkpoint
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "1G size")
                .setConfig(GraphDatabaseSettings.check_point_interval_time, Duration.ofMinutes(5))
                // LOAD CSV may not read the server's files: no file:// URLs, and their root confined to an empty import dir
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, home.resolve("import").toAbsolutePath())
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, boltPort))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, boltPort))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, httpEnabled)
                .setConfig(HttpConnector.listen_address, new SocketAddress(HOST, httpEnabled ? httpPort : 7474))
                .setConfig(HttpConnector.advertised_address, new SocketAddress(HOST, httpEnabled ? httpPort : 7474))
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .build();

        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("govkg-neo4j: shutting down");
            out.flush();
            try {
                dbms.shutdown();
                out.println("govkg-neo4j: stopped");
            } catch (Throwable t) {
                t.printStackTrace(out);
            } finally {
                out.flush();
                stopped.countDown();
            }
        }, "govkg-neo4j-shutdown"));

        out.printf("govkg-neo4j: DBMS started in %.1fs; setting password of user neo4j%n", (System.nanoTime() - t0) / 1e9);
        out.flush();
        try {
            setPassword(dbms, password);
            // make sure the default database is online before reporting readiness
            dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        } catch (Throwable t) {
            System.err.println("govkg-neo4j: startup failed after the DBMS came up:");
            t.printStackTrace();
            System.exit(1); // runs the shutdown hook
        }

        out.printf("%s bolt://%s:%d http=%s startup=%.1fs%n", READY_MARKER, HOST, boltPort,
                httpEnabled ? "http://" + HOST + ":" + httpPort + "/" : "disabled",
                (System.nanoTime() - t0) / 1e9);
        out.flush();

        stopped.await();
    }

    /**
     * Set the password of the built-in admin user on every start, so that neo4j/$NEO4J_PASSWORD
     * works right away and a changed NEO4J_PASSWORD takes effect on the next start. Embedded
     * transactions run with full privileges, so no login is needed for this.
     */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PLAINTEXT PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            // Neo4j refuses to "change" a password to its current value; that is fine here.
            if (String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
                System.out.println("govkg-neo4j: password unchanged");
                system.executeTransactionally("ALTER USER neo4j SET PASSWORD CHANGE NOT REQUIRED");
            } else {
                throw e;
            }
        }
    }

    private static int port(String raw, int dflt, String name) {
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        try {
            int p = Integer.parseInt(raw.trim());
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            System.err.println("govkg-neo4j: invalid " + name + ": " + raw);
            System.exit(2);
            return -1;
        }
    }
}
