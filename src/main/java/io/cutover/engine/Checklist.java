package io.cutover.engine;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.plan.ChecklistItem;
import io.cutover.spi.QueryCheck;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The gates checked before the first phase: SQL checks pass by the rule of {@code verify}; manual
 * items must be acknowledged with {@code --ack ID}. A run does not start while one fails, and the
 * refusal names every one that failed.
 */
final class Checklist {
    private Checklist() {
    }

    static void check(List<ChecklistItem> items, Set<String> acks, Pools pools, io.cutover.load.SecretMask secrets) {
        List<String> failing = new ArrayList<>();
        for (ChecklistItem item : items) {
            if (item.manual()) {
                if (!acks.contains(item.id())) {
                    failing.add(item.id() + " (" + item.text() + "): a manual item; acknowledge it with --ack " + item.id());
                }
                continue;
            }
            try (Connection c = pools.connection(item.datasource().orElseThrow())) {
                QueryCheck.Result result = QueryCheck.run(c, item.sql().orElseThrow());
                if (!result.passed()) {
                    failing.add(item.id() + " (" + item.text() + "): the check returned " + result.seen());
                }
            } catch (SQLException e) {
                failing.add(item.id() + " (" + item.text() + "): the check failed: " + secrets.mask(e.getMessage()));
            }
        }
        if (!failing.isEmpty()) {
            throw new CutoverException(ErrorCode.REFUSED, "the checklist is not satisfied, so the run does not start:\n  - "
                    + String.join("\n  - ", failing));
        }
    }
}
