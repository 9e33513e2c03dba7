package io.tributary.cli;

import java.io.PrintStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Mixin;

/**
 * A command that talks to the cluster: it has the connection and output options, makes its clients
 * from them, and closes what it made. Subclasses implement {@link #execute()} and return an exit status
 * ({@link Main#OK} or {@link Main#FAILED}); what they throw becomes one line on stderr and status 1.
 */
public abstract class ClientCommand implements Callable<Integer> {
    @Mixin
    protected ConnectionOptions connection;

    @Mixin
    protected OutputOptions output;

    private Admin admin;

    protected abstract int execute() throws Exception;

    @Override
    public final Integer call() throws Exception {
        try {
            int status = execute();
            out().flush();
            return status;
        } finally {
            if (admin != null) {
                admin.close(java.time.Duration.ofMillis(Math.min(5000, connection.timeoutMs())));
            }
        }
    }

    public ConnectionOptions connection() {
        return connection;
    }

    /** The admin client, made on first use and closed when the command ends. */
    protected Admin admin() {
        if (admin == null) {
            admin = Admin.create(connection.baseProperties());
        }
        return admin;
    }

    /** Client settings with the command's own on top of the connection's. */
    protected Properties clientProperties(Properties own) {
        Properties props = connection.baseProperties();
        props.putAll(own);
        return props;
    }

    protected PrintStream out() {
        return System.out;
    }

    protected boolean json() {
        return output.json();
    }
}
