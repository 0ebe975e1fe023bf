package io.cutover.journal;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2StateStoreTest extends StateStoreContract {
    @TempDir
    Path dir;

    @Override
    protected String freshUrl() {
        return "jdbc:h2:file:" + dir.resolve("state");
    }

    @Override
    protected String otherFreshUrl() {
        return "jdbc:h2:file:" + dir.resolve("other") + ";AUTO_SERVER=TRUE";
    }
}
