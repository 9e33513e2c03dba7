package io.tributary.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The commands {@code tributary dev} reads on its standard input. */
class DevConsoleTest {

    @Test
    void commandsParse() {
        assertThat(DevConsole.parse("kill 2", 3)).isEqualTo(new DevConsole.Kill(2));
        assertThat(DevConsole.parse("  STOP   3 ", 3)).isEqualTo(new DevConsole.Stop(3));
        assertThat(DevConsole.parse("restart 1", 3)).isEqualTo(new DevConsole.Restart(1));
        assertThat(DevConsole.parse("start 1", 3)).isEqualTo(new DevConsole.Restart(1));
        assertThat(DevConsole.parse("status", 3)).isEqualTo(new DevConsole.Status());
        assertThat(DevConsole.parse("help", 3)).isEqualTo(new DevConsole.Help());
    }

    @Test
    void aWrongLineSaysWhatIsWrong() {
        assertThat(DevConsole.parse("restart 4", 3)).isEqualTo(new DevConsole.Invalid("there is no node 4; the nodes are 1 to 3"));
        assertThat(DevConsole.parse("restart", 3)).isInstanceOf(DevConsole.Invalid.class)
                .extracting(c -> ((DevConsole.Invalid) c).message()).asString().contains("takes a node number");
        assertThat(DevConsole.parse("kill two", 3)).isInstanceOf(DevConsole.Invalid.class);
        assertThat(DevConsole.parse("status 2", 3)).isInstanceOf(DevConsole.Invalid.class);
        assertThat(DevConsole.parse("reboot 2", 3)).isEqualTo(new DevConsole.Invalid("unknown command 'reboot 2'; type help"));
    }

    @Test
    void linesTypedArriveInOrderAndBlankOnesAreSkipped() throws Exception {
        DevConsole console = DevConsole.start(new ByteArrayInputStream("kill 2\n\n  \nrestart 2\r\nstatus\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(console.poll(10_000)).isEqualTo("kill 2");
        assertThat(DevConsole.parse(console.poll(10_000), 3)).isEqualTo(new DevConsole.Restart(2));
        assertThat(console.poll(10_000)).isEqualTo("status");
    }
}
