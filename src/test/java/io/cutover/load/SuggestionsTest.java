package io.cutover.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> KEYS = List.of("up", "down", "verify", "datasource", "transaction");

    @Test
    void aTranspositionIsOneEdit() {
        assertEquals("down", Suggestions.closest("donw", KEYS).orElseThrow());
        assertEquals("datasource", Suggestions.closest("datasorce", KEYS).orElseThrow());
        assertEquals("transaction", Suggestions.closest("Transaction", KEYS).orElseThrow());
    }

    @Test
    void farWordsGetNoSuggestion() {
        assertTrue(Suggestions.closest("banana", KEYS).isEmpty());
        assertTrue(Suggestions.closest("down", KEYS).isEmpty(), "an exact key is no typo");
        assertEquals("", Suggestions.hint("zz", KEYS));
    }
}
