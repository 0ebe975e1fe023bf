package io.cutover.handlers.copy;

import java.nio.file.Path;

/** The copy contract from PostgreSQL to H2. */
class PostgresToH2CopyTest extends CopyContract {
    @Override
    protected Database source(Path dir) {
        return Database.postgres("cutover_copy_pgh2_src");
    }

    @Override
    protected Database target(Path dir) {
        return Database.h2(dir, "target");
    }
}
