package io.cutover.spi;

import io.cutover.plan.Task;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A handler written as a third party would: it lives outside the main code and is found through ServiceLoader. */
public class ExternalSlackHandler implements TaskHandler {
    @Override
    public String type() {
        return "slack";
    }

    @Override
    public JsonNode schema() {
        return JsonMapper.shared().readTree("""
                {"required": ["channel"],
                 "properties": {
                   "channel": {"type": "string", "description": "The channel, such as #cutover."},
                   "text": {"type": "string", "description": "The message."}}}
                """);
    }

    @Override
    public void check(Task task, Problems problems) {
        if (!task.text("channel").orElse("#").startsWith("#")) {
            problems.error(task, "/channel", "a channel starts with '#'");
        }
    }

    @Override
    public boolean changesState(Task task) {
        return false;
    }

    @Override
    public TaskOutcome execute(TaskContext context) {
        return TaskOutcome.succeeded();
    }

    /** A second handler claiming the same type. */
    public static final class Twin extends ExternalSlackHandler {
    }
}
