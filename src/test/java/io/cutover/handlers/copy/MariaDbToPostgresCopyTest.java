package io.cutover.handlers.copy;

import java.nio.file.Path;

/** The copy contract from MariaDB to PostgreSQL. */
class MariaDbToPostgresCopyTest extends CopyContract {
    @Override
    protected Database source(Path dir) {
        return Database.mariadb("cutover_copy_mariapg_src");
    }

    @Override
    protected Database target(Path dir) {
        return Database.postgres("cutover_copy_mariapg_dst");
    }
}
