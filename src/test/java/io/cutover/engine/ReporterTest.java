package io.cutover.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The durations a run prints after each task ("done app/t1 in 1.24s"), now written without String.format. */
class ReporterTest {
    @Test
    void durationsReadAsTheFormatWouldWriteThem() {
        for (long millis = 0; millis <= 125_000; millis += millis < 3_000 ? 1 : 997) {
            assertEquals(String.format(Locale.ROOT, "%.2fs", millis / 1000.0), Reporter.seconds(Duration.ofMillis(millis)),
                    millis + " ms");
        }
        assertEquals("1.24s", Reporter.seconds(Duration.ofMillis(1235)));
        assertEquals("0.05s", Reporter.seconds(Duration.ofMillis(50)));
        assertEquals("3600.00s", Reporter.seconds(Duration.ofHours(1)));
    }
}
