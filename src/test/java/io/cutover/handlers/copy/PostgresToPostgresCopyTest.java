package io.cutover.handlers.copy;

import java.nio.file.Path;

/** The copy contract from PostgreSQL to PostgreSQL. */
class PostgresToPostgresCopyTest extends CopyContract {
    @Override
    protected Database source(Path dir) {
        return Database.postgres("cutover_copy_pgpg_src");
    }

    @Override
    protected Database target(Path dir) {
        return Database.postgres("cutover_copy_pgpg_dst");
    }
}
