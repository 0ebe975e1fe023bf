package io.cutover.handlers.copy;

import java.nio.file.Path;

/** The copy contract from H2 to PostgreSQL. */
class H2ToPostgresCopyTest extends CopyContract {
    @Override
    protected Database source(Path dir) {
        return Database.h2(dir, "source");
    }

    @Override
    protected Database target(Path dir) {
        return Database.postgres("cutover_copy_h2pg_dst");
    }
}
