package io.cutover.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store's file: compacted as it closes once it has grown, not on every command while it is small. */
class H2StoreFileTest {
    @TempDir
    Path dir;

    @Test
    void aSmallOrNewStoreSkipsTheCompactionOfItsCloseAndALargeOneKeepsIt() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("state");
        assertTrue(StateStore.normalize(url).endsWith(";MAX_COMPACT_TIME=0"), StateStore.normalize(url));
        try (RandomAccessFile file = new RandomAccessFile(dir.resolve("state.mv.db").toFile(), "rw")) {
            file.setLength(StateStore.COMPACT_ABOVE_BYTES + 1);
        }
        assertFalse(StateStore.normalize(url).toLowerCase().contains("max_compact_time"), StateStore.normalize(url));
        String own = url + ";MAX_COMPACT_TIME=50";
        assertEquals(own + ";AUTO_SERVER=TRUE;FILE_LOCK=SOCKET;WRITE_DELAY=0", StateStore.normalize(own));
    }

    @Test
    void aStoreFileGrownPastTheLimitShrinksWhenACommandCloses() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("state");
        Path file = dir.resolve("state.mv.db");
        try (StateStore store = StateStore.open(url, Clock.systemUTC())) {
            store.runs("p"); // the store's tables exist
        }
        // 12 MB of rows written in many commits, nine in ten deleted again, closed without compaction: a file whose
        // chunks each keep a little live data, past the limit
        try (Connection c = DriverManager.getConnection(url + ";MAX_COMPACT_TIME=0", "sa", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE filler (id INT PRIMARY KEY, v VARCHAR(200))");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO filler VALUES (?, ?)")) {
                java.util.Random random = new java.util.Random(1);
                for (int i = 0; i < 80_000; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, Long.toString(random.nextLong(), 36).repeat(8)); // about 100 characters
                    insert.addBatch();
                    if (i % 1_000 == 999) {
                        insert.executeBatch();
                    }
                }
            }
            s.execute("DELETE FROM filler WHERE MOD(id, 10) <> 0");
        }
        long grown = Files.size(file);
        assertTrue(grown > StateStore.COMPACT_ABOVE_BYTES, "file of " + grown + " bytes");
        try (StateStore store = StateStore.open(url, Clock.systemUTC())) {
            assertTrue(store.runs("p").isEmpty());
        }
        long after = Files.size(file);
        assertTrue(after < StateStore.COMPACT_ABOVE_BYTES, "file of " + grown + " bytes before the command, " + after + " after");
    }
}
