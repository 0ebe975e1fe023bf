package io.cutover.engine;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** Run ids that sort by time and read aloud on a call: {@code 20261125T130501Z-3f9a}. */
final class RunIds {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() {
    }

    static String next(Instant now) {
        byte[] bytes = new byte[2];
        RANDOM.nextBytes(bytes);
        return FORMAT.format(now) + "-" + HexFormat.of().formatHex(bytes);
    }
}
