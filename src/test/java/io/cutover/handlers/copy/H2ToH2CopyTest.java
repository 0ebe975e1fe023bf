package io.cutover.handlers.copy;

import java.nio.file.Path;

/** The copy contract from H2 to H2 (file databases). */
class H2ToH2CopyTest extends CopyContract {
    @Override
    protected Database source(Path dir) {
        return Database.h2(dir, "source");
    }

    @Override
    protected Database target(Path dir) {
        return Database.h2(dir, "target");
    }
}
