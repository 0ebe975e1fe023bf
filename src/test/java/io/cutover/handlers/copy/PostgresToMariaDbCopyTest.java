package io.cutover.handlers.copy;

import java.nio.file.Path;

/** The copy contract from PostgreSQL to MariaDB. */
class PostgresToMariaDbCopyTest extends CopyContract {
    @Override
    protected Database source(Path dir) {
        return Database.postgres("cutover_copy_pgmaria_src");
    }

    @Override
    protected Database target(Path dir) {
        return Database.mariadb("cutover_copy_pgmaria_dst");
    }
}
