package io.tributary.e2e.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * JUnit glue for the harness. Declare {@code @ExtendWith(TributaryExtension.class)} and take a
 * {@link Nodes} parameter: in a test method it is that test's own; in a {@code @BeforeAll} method it
 * is shared by the whole class. When a test (or a lifecycle method) fails, the failure gets each
 * node's log tail attached as a suppressed exception, so it shows in the console and the Surefire
 * report, and the nodes' directory is kept.
 */
public final class TributaryExtension implements ParameterResolver, TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TributaryExtension.class);
    private static final String KEY = "nodes";
    private static final int TAIL_LINES = 60;

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Nodes.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
        String label = context.getRequiredTestClass().getSimpleName()
                + context.getTestMethod().map(m -> "." + m.getName()).orElse("");
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(KEY, key -> new Nodes(label), Nodes.class);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw withLogTails(context, throwable);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw withLogTails(context, throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw withLogTails(context, throwable);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw withLogTails(context, throwable);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw withLogTails(context, throwable);
    }

    private static Throwable withLogTails(ExtensionContext context, Throwable throwable) {
        if (throwable instanceof TestAbortedException) {
            return throwable;
        }
        for (Nodes nodes : nodesInScope(context)) {
            nodes.markFailed();
            if (!nodes.all().isEmpty()) {
                String tails = nodes.logTails(TAIL_LINES);
                System.err.println(tails);
                throwable.addSuppressed(new NodeLogTails(tails));
            }
        }
        return throwable;
    }

    /** The test's own nodes and those of every enclosing scope (the class's, for shared nodes). */
    private static List<Nodes> nodesInScope(ExtensionContext context) {
        List<Nodes> found = new ArrayList<>();
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Nodes nodes = c.get().getStore(NAMESPACE).get(KEY, Nodes.class);
            if (nodes != null && !found.contains(nodes)) {
                found.add(nodes);
            }
        }
        return found;
    }

    /** Carries log tails into the failure report; it has no stack of its own worth printing. */
    static final class NodeLogTails extends Exception {
        private static final long serialVersionUID = 1L;

        NodeLogTails(String tails) {
            super("node logs at the time of the failure:" + tails, null, false, false);
        }
    }
}
