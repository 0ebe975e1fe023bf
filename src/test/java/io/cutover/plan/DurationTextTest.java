package io.cutover.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

    @ParameterizedTest
    @CsvSource({
        "500ms, PT0.5S", "30s, PT30S", "10m, PT10M", "4h, PT4H", "2d, PT48H", "2 weeks, PT336H",
        "PT4H, PT4H", "pt90m, PT1H30M", "1h 30m, PT1H30M", "1h30m, PT1H30M", "1.5h, PT1H30M", "90 seconds, PT1M30S"
    })
    void readsTheFormsOfThePlanFormat(String text, String iso) {
        assertEquals(Duration.parse(iso), DurationText.parse(text).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "ten minutes", "10 parsecs", "-5m", "5m later", "P", "PT-4H"})
    void refusesWhatIsNotADuration(String text) {
        assertTrue(DurationText.parse(text).isEmpty(), text);
    }

    @ParameterizedTest
    @CsvSource({"PT1H30M, 1h30m", "PT0.5S, 500ms", "PT48H, 2d", "PT0S, 0s", "PT2H0.25S, 2h250ms"})
    void writesTheShortForm(String iso, String text) {
        assertEquals(text, DurationText.format(Duration.parse(iso)));
    }
}
